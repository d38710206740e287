using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using OpsTower.Policy.Engine;
using OpsTower.Policy.Formats.Dockerfile;
using OpsTower.Policy.Formats.Kubernetes;

namespace OpsTower.Policy.Rules.Repository;

/// <summary>Pairs Kubernetes containers with the Dockerfile that builds their image, by service folder name.</summary>
internal static class DockerfilePairs
{
    public static IEnumerable<(KubernetesFile Manifest, Container Container, DockerfileDocument Dockerfile)> Pairs(RepositoryModel repository)
    {
        var dockerfiles = repository.ModelsOf<DockerfileDocument>().ToList();
        foreach (var kubernetes in repository.ModelsOf<KubernetesFile>())
        foreach (var container in kubernetes.PodSpecs.SelectMany(p => p.Containers))
        {
            if (container.Node.GetString("image") is not { } image) continue;
            var matches = dockerfiles.Where(d => ImageNames.NamesService(image, ImageNames.ServiceOf(d.File.Path))).ToList();
            // Two Dockerfiles for one service (a dev one beside the production one) make the pairing ambiguous.
            if (matches.Count == 1) yield return (kubernetes, container, matches[0]);
        }
    }

    public static int? Number(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : null;
}
