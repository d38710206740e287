using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using OpsTower.Policy.Analyzers.CodeFixes;
using OpsTower.Policy.Analyzers.Tests.Testing;

namespace OpsTower.Policy.Analyzers.Tests;

/// <summary>The Dockerfile fixes, through <see cref="CodeFixRunner"/>.</summary>
public class CodeFixTests
{
    private const string Path = "/repo/Dockerfile";

    [Fact]
    public async Task Root_user_becomes_an_unprivileged_uid()
    {
        string fixedText = await FixAsync("FROM node:20-alpine\nUSER root\nCMD [\"node\", \"index.js\"]\n", "OTP1001", "Run as an unprivileged user (USER 10001)");
        fixedText.Should().Be("FROM node:20-alpine\nUSER 10001\nCMD [\"node\", \"index.js\"]\n");
    }

    [Fact]
    public async Task Root_user_with_a_group_becomes_an_unprivileged_uid()
    {
        string fixedText = await FixAsync("FROM node:20-alpine\nUSER 0:0\n", "OTP1001", "Run as an unprivileged user (USER 10001)");
        fixedText.Should().Be("FROM node:20-alpine\nUSER 10001\n");
    }

    [Fact]
    public async Task A_final_stage_without_user_gets_one_with_the_files_line_endings()
    {
        string fixedText = await FixAsync("FROM node:20-alpine\r\nCMD [\"node\", \"index.js\"]", "OTP1001", "Add 'USER 10001' to the final stage");
        fixedText.Should().Be("FROM node:20-alpine\r\nCMD [\"node\", \"index.js\"]\r\nUSER 10001\r\n");
    }

    [Fact]
    public async Task A_final_stage_without_user_ending_in_a_newline_gets_no_blank_line()
    {
        string fixedText = await FixAsync("FROM node:20-alpine\nCMD [\"node\", \"index.js\"]\n", "OTP1001", "Add 'USER 10001' to the final stage");
        fixedText.Should().Be("FROM node:20-alpine\nCMD [\"node\", \"index.js\"]\nUSER 10001\n");
    }

    [Fact]
    public async Task Add_of_local_files_becomes_copy()
    {
        string fixedText = await FixAsync("FROM alpine:3.20\nadd app.sh /app/\nUSER 10001\n", "OTP1006", "Use COPY");
        fixedText.Should().Be("FROM alpine:3.20\ncopy app.sh /app/\nUSER 10001\n");
    }

    [Fact]
    public async Task No_fix_is_offered_for_a_rule_the_provider_does_not_fix()
    {
        // USER 10001 is not reported; OTP1002 (the latest tag) is, and the provider has no fix for it.
        var actions = await CodeFixRunner.FixesAsync(new DockerfileCodeFixProvider(), Path, "FROM alpine:latest\nUSER 10001\n", "OTP1002");
        actions.Should().BeEmpty();
    }

    [Theory]
    [InlineData(typeof(DockerfileCodeFixProvider))]
    [InlineData(typeof(KubernetesCodeFixProvider))]
    [InlineData(typeof(WorkflowCodeFixProvider))]
    public void The_providers_are_exported_for_additional_documents(Type provider)
    {
        var export = provider.GetCustomAttribute<ExportCodeFixProviderAttribute>()!;
        export.Name.Should().Be(provider.Name);
        export.DocumentKinds.Should().Contain(nameof(TextDocumentKind.AdditionalDocument));
        export.Languages.Should().Contain(LanguageNames.CSharp);
        provider.GetCustomAttribute<System.Composition.SharedAttribute>().Should().NotBeNull();
    }

    private static Task<string> FixAsync(string text, string id, string title) =>
        CodeFixRunner.FixAsync(new DockerfileCodeFixProvider(), Path, text, id, title);
}
