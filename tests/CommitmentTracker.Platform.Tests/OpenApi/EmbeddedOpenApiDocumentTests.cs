using System.Net.Http.Json;
using System.Text.Json;

namespace CommitmentTracker.Platform.Tests.OpenApi;

/// <summary>
/// The embedded host's document is the whole public API, and it is complete: every operation is summarised, tagged,
/// declares its success body and its error answers (401 for every authenticated one), and shows example bodies.
/// </summary>
public sealed class EmbeddedOpenApiDocumentTests(EmbeddedHostFixture fixture) : IClassFixture<EmbeddedHostFixture>
{
    private static readonly string[] Services = ["Action plans", "Members", "Commitments", "Imports", "Tags", "Engagement", "Notifications"];

    [Fact]
    public async Task The_document_is_one_system_wide_document_with_every_feature()
    {
        var document = await LoadAsync();

        Assert.Equal("Commitment Tracker API", document.GetProperty("info").GetProperty("title").GetString());
        Assert.Contains("embedded", document.GetProperty("info").GetProperty("description").GetString(), StringComparison.Ordinal);
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal(("apiKey", "header", "X-Api-Key"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("in").GetString(), scheme.GetProperty("name").GetString()));
        var tags = Operations(document).SelectMany(o => o.Operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString())).ToHashSet();
        Assert.All(Services, tag => Assert.Contains(tag, tags));
    }

    [Fact]
    public async Task Every_operation_has_a_summary_a_tag_a_success_response_and_its_error_responses()
    {
        var document = await LoadAsync();
        var operations = Operations(document).ToList();
        Assert.True(operations.Count >= 18, $"the document lists only {operations.Count} operations");

        var incomplete = new List<string>();
        foreach (var (method, path, operation) in operations)
        {
            var name = $"{method} {path}";
            if (!operation.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString()))
            {
                incomplete.Add($"{name}: no summary");
            }

            if (!operation.TryGetProperty("tags", out var tags) || tags.GetArrayLength() == 0)
            {
                incomplete.Add($"{name}: no tag");
            }

            var statuses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            if (!statuses.Any(s => s.StartsWith('2')))
            {
                incomplete.Add($"{name}: no success response");
            }

            if (!statuses.Any(s => s.StartsWith('4')))
            {
                incomplete.Add($"{name}: declares no error response");
            }

            // An explicitly empty security list marks an anonymous operation; every other one answers 401 without a key.
            var anonymous = operation.TryGetProperty("security", out var security) && security.GetArrayLength() == 0;
            if (!anonymous && !statuses.Contains("401"))
            {
                incomplete.Add($"{name}: no 401 response");
            }
        }

        Assert.Empty(incomplete);
    }

    [Fact]
    public async Task Every_json_body_the_api_takes_or_returns_has_an_example()
    {
        var document = await LoadAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");

        var missing = new List<string>();
        foreach (var (method, path, operation) in Operations(document))
        {
            var bodies = operation.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('2')).Select(r => (Where: r.Name, Body: r.Value)).ToList();
            if (operation.TryGetProperty("requestBody", out var request))
            {
                bodies.Add(("request", request));
            }

            foreach (var (where, body) in bodies)
            {
                if (!body.TryGetProperty("content", out var content) || !content.TryGetProperty("application/json", out var json))
                {
                    continue;
                }

                var schema = Resolve(json.GetProperty("schema"), schemas);
                if (!json.TryGetProperty("example", out _) && !schema.TryGetProperty("examples", out _) && !schema.TryGetProperty("example", out _))
                {
                    missing.Add($"{method} {path} {where}");
                }
            }
        }

        Assert.Empty(missing);
    }

    [Fact]
    public async Task Error_responses_reference_problem_details_with_a_correlation_id_example()
    {
        var document = await LoadAsync();
        var unauthorized = document.GetProperty("paths").GetProperty("/api/commitments/{id}").GetProperty("get").GetProperty("responses").GetProperty("401")
            .GetProperty("content").GetProperty("application/problem+json");

        Assert.Equal("#/components/schemas/ProblemDetails", unauthorized.GetProperty("schema").GetProperty("$ref").GetString());
        Assert.Equal(401, unauthorized.GetProperty("example").GetProperty("status").GetInt32());
        Assert.True(unauthorized.GetProperty("example").TryGetProperty("correlationId", out _));
    }

    [Fact]
    public async Task A_declared_415_is_what_a_body_of_the_wrong_type_really_gets()
    {
        var document = await LoadAsync();
        var declared = document.GetProperty("paths").GetProperty("/api/action-plans").GetProperty("post").GetProperty("responses");
        using var body = new StringContent("actionPlanId=AP_BGR02", System.Text.Encoding.UTF8, "text/plain");

        using var response = await fixture.Factory.CreateAdminClient().PostAsync("/api/action-plans", body, TestContext.Current.CancellationToken);

        Assert.True(declared.TryGetProperty("415", out _));
        Assert.Equal(System.Net.HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<JsonElement> LoadAsync() =>
        await fixture.Factory.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);

    internal static IEnumerable<(string Method, string Path, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from operation in path.Value.EnumerateObject()
        select (operation.Name.ToUpperInvariant(), path.Name, operation.Value);

    private static JsonElement Resolve(JsonElement schema, JsonElement schemas) =>
        schema.TryGetProperty("$ref", out var reference)
            ? schemas.GetProperty(reference.GetString()!["#/components/schemas/".Length..])
            : schema;
}
