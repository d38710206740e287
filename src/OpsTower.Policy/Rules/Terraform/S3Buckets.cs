using System.Linq;
using OpsTower.Policy.Formats.Terraform;

namespace OpsTower.Policy.Rules.Terraform;

/// <summary>The resources that configure an S3 bucket apart from it (AWS provider v4+) and refer to it through <c>bucket</c>.</summary>
internal static class S3Buckets
{
    public static TerraformResource? Configuration(TerraformResource bucket, string type) =>
        TerraformFacts.ReferringResources(bucket, type, "bucket", "bucket").FirstOrDefault();
}
