using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.Architecture.Tests;

/// <summary>
/// One convention in every service: an endpoint is a slice, <c>Features/&lt;Area&gt;/&lt;VerbNoun&gt;.cs</c> (request,
/// response and handler together, one endpoint each); entities one per file under <c>Data/</c>.
/// </summary>
public sealed partial class SliceTests : IClassFixture<EmbeddedHost>
{
    private readonly EmbeddedHost host;

    public SliceTests(EmbeddedHost host) => this.host = host;

    public static TheoryData<string> Services => [.. Codebase.Services];

    /// <summary>Where each endpoint's handler is declared, by service (or Edge), with its route and verbs.</summary>
    private List<(string Owner, Type Slice, string Route)> Endpoints()
    {
        var owners = Codebase.Services.Append("Edge").ToDictionary(s => $"CommitmentTracker.{s}", s => s, StringComparer.Ordinal);
        return [.. host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(endpoint => (endpoint, handler: endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault()))
            .Where(e => e.handler?.DeclaringType is not null && owners.ContainsKey(e.handler.DeclaringType.Assembly.GetName().Name!))
            .Select(e => (
                owners[e.handler!.DeclaringType!.Assembly.GetName().Name!],
                Outermost(e.handler.DeclaringType!),
                $"{string.Join(',', e.endpoint.Metadata.OfType<HttpMethodMetadata>().SelectMany(m => m.HttpMethods))} {e.endpoint.RoutePattern.RawText}"))];
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_endpoint_of_a_service_lives_in_a_feature_slice(string service) => AssertSlices(service);

    [Fact]
    public void Every_endpoint_of_the_edge_lives_in_a_feature_slice() => AssertSlices("Edge");

    private void AssertSlices(string owner)
    {
        var endpoints = Endpoints().Where(e => e.Owner == owner).ToList();
        Assert.NotEmpty(endpoints);
        var outside = endpoints.Where(e => !SliceNamespace().IsMatch(e.Slice.Namespace ?? string.Empty) || !e.Slice.Namespace!.StartsWith($"CommitmentTracker.{owner}.Features.", StringComparison.Ordinal))
            .Select(e => $"{e.Route} in {e.Slice.FullName}").ToList();
        Assert.True(outside.Count == 0, "Endpoints outside Features/<Area>/: " + string.Join("; ", outside));

        var crowded = endpoints.GroupBy(e => e.Slice).Where(g => g.Count() > 1).Select(g => $"{g.Key.Name}: {string.Join(", ", g.Select(e => e.Route))}").ToList();
        Assert.True(crowded.Count == 0, "A slice holds one endpoint: " + string.Join("; ", crowded));

        var unnamed = endpoints.Where(e => !VerbNoun().IsMatch(e.Slice.Name)).Select(e => e.Slice.FullName).Distinct().ToList();
        Assert.True(unnamed.Count == 0, "Slices are named VerbNoun, as their operation (GetCommitment, AcceptTagSuggestion): " + string.Join(", ", unnamed));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_slice_file_is_named_for_its_slice(string service)
    {
        var features = new DirectoryInfo(Path.Combine(Codebase.ServiceFolder(service).FullName, "Features"));
        var misnamed = Codebase.SourceFiles(features)
            .Where(file => Path.GetDirectoryName(Path.GetRelativePath(features.FullName, file.FullName)) is { Length: > 0 })
            .Where(file => !File.ReadAllText(file.FullName).Contains($" class {Path.GetFileNameWithoutExtension(file.Name)}", StringComparison.Ordinal))
            .Select(file => Path.GetRelativePath(Codebase.Root.FullName, file.FullName)).ToList();
        Assert.True(misnamed.Count == 0, "A file under Features/<Area>/ holds the class it is named for: " + string.Join(", ", misnamed));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Entities_are_one_per_file_under_Data(string service)
    {
        var data = new DirectoryInfo(Path.Combine(Codebase.ServiceFolder(service).FullName, "Data"));
        var crowded = Codebase.SourceFiles(data)
            .Where(file => !file.Name.EndsWith("Db.cs", StringComparison.Ordinal))
            .Select(file => (file, types: TopLevelType().Count(File.ReadAllText(file.FullName))))
            .Where(f => f.types != 1)
            .Select(f => $"{Path.GetRelativePath(Codebase.Root.FullName, f.file.FullName)} ({f.types} types)").ToList();
        Assert.True(crowded.Count == 0, "One entity per file under Data/ (the DbContext file excepted): " + string.Join(", ", crowded));
    }

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }

    [GeneratedRegex(@"^CommitmentTracker\.\w+\.Features\.\w+$")]
    private static partial Regex SliceNamespace();

    [GeneratedRegex("^(Get|List|Create|Register|Start|Update|Put|Set|Delete|Remove|Export|Import|Accept|Reject|Tag|Untag|Disable|Enable|Replay|Mark|Send|Test|Unsubscribe|Issue|Revoke|Review|Confirm|Link|Unlink|Follow|Preview|Recompute|Show|Read|Pull|Map|Unmap)([A-Z][A-Za-z]*)?$")]
    private static partial Regex VerbNoun();

    [GeneratedRegex(@"^(?:(?:public|internal|file)\s+)?(?:(?:sealed|static|abstract|partial|readonly)\s+)*(?:class|record|struct|enum|interface)\s", RegexOptions.Multiline)]
    private static partial Regex TopLevelType();
}
