using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CommitmentTracker.Testing;

namespace CommitmentTracker.Platform.Tests.Security;

/// <summary>
/// Walks every operation of the embedded host's OpenAPI document as every kind of caller and compares who gets
/// through (neither 401 nor 403) with <see cref="Access"/>. A new endpoint fails this test until it is classified.
/// docs/security.md shows the same table.
/// </summary>
public sealed class RouteAccessTests : IAsyncLifetime
{
    private const string Anonymous = "anonymous";
    private const string Reader = "reader";
    private const string LiaisonOgp = "liaison-OGP";
    private const string LiaisonOcp = "liaison-OCP";
    private const string LeadInScope = "country-lead in scope";
    private const string LeadOutOfScope = "country-lead out of scope";
    private const string Admin = "admin (issued key)";
    private const string BootstrapAdmin = "admin (bootstrap key)";
    private const string JwtLiaison = "liaison-OCP (JWT)";
    private const string JwtReader = "reader (JWT)";
    private const string JwtAdmin = "admin (JWT)";

    /// <summary>The member code put in routes' <c>{code}</c>: in the in-scope lead's scope, not in the other's.</summary>
    private const string MemberInScope = "BGR";
    private const string MemberOutOfScope = "GBR";

    private static readonly string[] AnyCaller = [Reader, LiaisonOgp, LiaisonOcp, LeadInScope, LeadOutOfScope, Admin, BootstrapAdmin, JwtLiaison, JwtReader, JwtAdmin];
    private static readonly string[] AdminOnly = [Admin, BootstrapAdmin, JwtAdmin];

    /// <summary>The <c>liaison</c> policy: liaisons of either organisation (key or JWT) and admins; never readers or country leads.</summary>
    private static readonly string[] Liaisons = [LiaisonOgp, LiaisonOcp, JwtLiaison, Admin, BootstrapAdmin, JwtAdmin];

    /// <summary>Keys whose role may subscribe by default (Notifications:SubscriberRoles): admins, country leads, liaisons; not readers.</summary>
    private static readonly string[] Subscribers = [LiaisonOgp, LiaisonOcp, LeadInScope, LeadOutOfScope, Admin, BootstrapAdmin, JwtLiaison, JwtAdmin];

    /// <summary>Anyone, with or without credentials: the endpoint's own signed token is the credential (unsubscribe links).</summary>
    private static readonly string[] Everyone = [Anonymous, .. AnyCaller];

    /// <summary>"METHOD /path/template" → the callers that may use it. Everyone else must get 401 (anonymous) or 403.</summary>
    private static readonly Dictionary<string, string[]> Access = new()
    {
        ["GET /api/action-plans"] = AnyCaller,
        ["POST /api/action-plans"] = AdminOnly,
        ["GET /api/action-plans/{id}"] = AnyCaller,
        ["GET /api/members"] = AnyCaller,
        ["GET /api/members/{code}"] = AnyCaller,
        ["GET /api/commitments"] = AnyCaller,
        ["GET /api/commitments/export"] = AnyCaller,
        ["GET /api/commitments/{id}"] = AnyCaller,
        ["GET /api/commitments/{id}/history"] = AnyCaller,
        ["GET /api/commitments/{id}/thread"] = AnyCaller,
        ["GET /api/commitment-links"] = AnyCaller,
        ["POST /api/commitment-links"] = Liaisons,
        ["POST /api/commitment-links/{id}/confirm"] = Liaisons,
        ["POST /api/commitment-links/{id}/reject"] = Liaisons,
        ["GET /api/imports"] = AnyCaller,
        ["POST /api/imports"] = AdminOnly,
        ["POST /api/imports/{id}/apply"] = AdminOnly,
        ["GET /api/imports/{id}"] = AnyCaller,
        ["GET /api/imports/{id}/errors"] = AnyCaller,
        ["GET /api/imports/{id}/changes"] = AnyCaller,
        ["GET /api/import-sources"] = AdminOnly,
        ["GET /api/tags"] = AnyCaller,
        ["POST /api/tags"] = AdminOnly,
        ["PUT /api/tags/{tag}"] = AdminOnly,
        ["GET /api/tags/{tag}/commitments"] = AnyCaller,
        ["GET /api/commitments/{id}/tags"] = AnyCaller,
        ["POST /api/commitments/{id}/tags"] = Liaisons,
        ["DELETE /api/commitments/{id}/tags/{tag}"] = Liaisons,
        ["GET /api/commitments/{id}/tags/history"] = AnyCaller,
        ["GET /api/tag-suggestions"] = AnyCaller,
        ["POST /api/tag-suggestions/{id}/accept"] = Liaisons,
        ["POST /api/tag-suggestions/{id}/reject"] = Liaisons,
        ["POST /api/tag-suggestions/accept"] = Liaisons,
        ["POST /api/tag-suggestions/reject"] = Liaisons,
        ["GET /api/tag-rules"] = AdminOnly,
        ["POST /api/tag-rules"] = AdminOnly,
        ["PUT /api/tag-rules/{id}"] = AdminOnly,
        ["POST /api/tag-rules/{id}/disable"] = AdminOnly,
        ["POST /api/tag-rules/preview"] = AdminOnly,
        ["GET /api/tag-policy-areas"] = AdminOnly,
        ["PUT /api/tag-policy-areas/{tag}"] = AdminOnly,
        ["GET /api/tag-calibration"] = AnyCaller,
        ["POST /api/tag-suggestions/recompute"] = AdminOnly,
        ["GET /api/tag-suggestions/recompute/{id}"] = AdminOnly,
        ["GET /api/engagement"] = AnyCaller,
        ["GET /api/members/{code}/engagement"] = AnyCaller,
        ["GET /api/members/{code}/engagement/history"] = AnyCaller,
        ["PUT /api/members/{code}/mandate"] = Liaisons,
        ["POST /api/ocds-publications/imports"] = AdminOnly,
        ["GET /api/ocds-publications"] = AnyCaller,
        ["GET /api/ocds-publications/country-names"] = AnyCaller,
        ["PUT /api/ocds-publications/country-names/{name}"] = AdminOnly,
        ["DELETE /api/ocds-publications/country-names/{name}"] = AdminOnly,
        ["GET /api/ocds-publications/pull"] = AdminOnly,
        ["GET /api/activity"] = AnyCaller,
        ["POST /api/subscriptions"] = Subscribers,
        ["GET /api/subscriptions"] = AnyCaller,
        ["GET /api/subscriptions/{id}"] = AnyCaller,
        ["PATCH /api/subscriptions/{id}"] = AnyCaller,
        ["DELETE /api/subscriptions/{id}"] = AnyCaller,
        ["POST /api/subscriptions/{id}/test"] = AnyCaller,
        ["GET /api/notifications"] = AnyCaller,
        ["POST /api/notifications/{id}/read"] = AnyCaller,
        ["POST /api/notifications/read"] = AnyCaller,
        ["GET /api/deliveries"] = AnyCaller,
        ["POST /api/deliveries/{id}/replay"] = AdminOnly,
        ["GET /api/unsubscribe"] = Everyone,
        ["POST /api/unsubscribe"] = Everyone,
        ["POST /api/keys"] = AdminOnly,
        ["GET /api/keys"] = AdminOnly,
        ["GET /api/keys/{id}"] = AdminOnly,
        ["DELETE /api/keys/{id}"] = AdminOnly,
        ["GET /api/me"] = AnyCaller,
    };

    private readonly EmbeddedHostFactory factory = new(TestPrincipals.JwtSettings());
    private readonly Dictionary<string, HttpClient> callers = [];

    public async ValueTask InitializeAsync()
    {
        callers[Anonymous] = factory.CreateClient();
        callers[BootstrapAdmin] = TestPrincipals.WithKey(factory, TestKeys.Admin);
        callers[Reader] = await IssuedAsync(TestPrincipals.Key("reader", ["reader"]));
        callers[LiaisonOgp] = await IssuedAsync(TestPrincipals.Key("ogp liaison", ["liaison"], organisation: "OGP"));
        callers[LiaisonOcp] = await IssuedAsync(TestPrincipals.Key("ocp liaison", ["liaison"], organisation: "OCP"));
        callers[LeadInScope] = await IssuedAsync(TestPrincipals.Key("lead BGR", ["country-lead"], memberScope: [MemberInScope, "ROU"]));
        callers[LeadOutOfScope] = await IssuedAsync(TestPrincipals.Key("lead GBR", ["country-lead"], memberScope: [MemberOutOfScope]));
        callers[Admin] = await IssuedAsync(TestPrincipals.Key("second admin", ["admin"]));
        callers[JwtLiaison] = TestPrincipals.WithBearer(factory, TestPrincipals.ExternalJwt("jwt-liaison", ["liaison"], "OCP"));
        callers[JwtReader] = TestPrincipals.WithBearer(factory, TestPrincipals.ExternalJwt("jwt-reader", ["reader"]));
        callers[JwtAdmin] = TestPrincipals.WithBearer(factory, TestPrincipals.ExternalJwt("jwt-admin", ["admin"]));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in callers.Values)
        {
            client.Dispose();
        }

        await factory.DisposeAsync();
    }

    [Fact]
    public async Task Every_operation_admits_exactly_the_callers_of_the_table()
    {
        var document = await callers[Anonymous].GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);
        var operations = (
            from path in document.GetProperty("paths").EnumerateObject()
            from operation in path.Value.EnumerateObject()
            select $"{operation.Name.ToUpperInvariant()} {path.Name}").ToList();

        var unclassified = operations.Where(o => !Access.ContainsKey(o)).ToList();
        Assert.True(unclassified.Count == 0, $"Classify these operations in {nameof(Access)} (and docs/security.md): {string.Join(", ", unclassified)}");
        var stale = Access.Keys.Except(operations).ToList();
        Assert.True(stale.Count == 0, $"The table lists operations the document does not have: {string.Join(", ", stale)}");

        var wrong = new List<string>();
        foreach (var operation in operations)
        {
            var method = operation[..operation.IndexOf(' ', StringComparison.Ordinal)];
            var path = Concrete(operation[(method.Length + 1)..]);
            foreach (var (caller, client) in callers)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method is "GET" or "DELETE" ? null : JsonContent.Create(new { }) };
                using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
                var admitted = response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
                var expected = Access[operation].Contains(caller);
                if (admitted != expected)
                {
                    wrong.Add($"{operation} as {caller}: {(int)response.StatusCode}, expected {(expected ? "allowed" : "denied")}");
                }
                else if (!admitted && caller == Anonymous && response.StatusCode != HttpStatusCode.Unauthorized)
                {
                    wrong.Add($"{operation} as {caller}: {(int)response.StatusCode}, expected 401");
                }
                else if (!admitted && caller != Anonymous && response.StatusCode != HttpStatusCode.Forbidden)
                {
                    wrong.Add($"{operation} as {caller}: {(int)response.StatusCode}, expected 403 (authenticated but not allowed)");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public async Task Denials_are_problem_details()
    {
        using var anonymous = await callers[Anonymous].GetAsync("/api/keys", TestContext.Current.CancellationToken);
        using var reader = await callers[Reader].GetAsync("/api/keys", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
        Assert.Equal("application/problem+json", reader.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_jwt_signed_with_another_key_or_expired_is_401()
    {
        using var forged = TestPrincipals.WithBearer(factory, TestPrincipals.ExternalJwt("x", ["admin"], signingKey: "another-signing-key-0123456789abcdef-0123"));
        using var expired = TestPrincipals.WithBearer(factory, TestPrincipals.ExternalJwt("x", ["admin"], expires: DateTime.UtcNow.AddMinutes(-6)));

        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/tags", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await expired.GetAsync("/api/tags", TestContext.Current.CancellationToken)).StatusCode);
    }

    // Path parameters get plausible values: a member code; a commitment id for commitments' {id}; a tag id (lower case,
    // digits, '-') for {tag}; a GUID for other ids (imports' and suggestions' ids are GUIDs, {id:guid}; key and rule ids
    // are strings, so a GUID is one too; feed items, deliveries and recomputations have numbers, {id:long}). The ids exist nowhere, so writes that pass authorization stop at 400 or 404.
    private static string Concrete(string template) =>
        Regex.Replace(template, "{([^}:]+)[^}]*}", match => match.Groups[1].Value switch
        {
            "code" => MemberInScope,
            "tag" => "no-such-tag-" + Guid.NewGuid().ToString("N")[..8],
            "id" when template.StartsWith("/api/commitments/", StringComparison.Ordinal) => "ZZ" + Random.Shared.Next(10_000, 99_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "id" when template.StartsWith("/api/notifications/", StringComparison.Ordinal) || template.StartsWith("/api/deliveries/", StringComparison.Ordinal)
                || template.StartsWith("/api/tag-suggestions/recompute/", StringComparison.Ordinal) => Random.Shared.Next(900_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => Guid.NewGuid().ToString(),
        });

    private async Task<HttpClient> IssuedAsync(object request)
    {
        var (_, secret) = await TestPrincipals.IssueKeyAsync(factory, request);
        return TestPrincipals.WithKey(factory, secret);
    }
}
