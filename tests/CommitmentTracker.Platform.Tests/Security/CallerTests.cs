using System.Net;
using System.Net.Http.Json;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Testing;

namespace CommitmentTracker.Platform.Tests.Security;

/// <summary><c>GET /api/me</c>: who the API takes the caller to be, for issued keys, the bootstrap key and external JWTs.</summary>
public sealed class CallerTests : IAsyncLifetime
{
    private readonly EmbeddedHostFactory factory = new(TestPrincipals.JwtSettings());

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_issued_key_reads_its_id_name_roles_organisation_and_scope()
    {
        var (liaisonId, liaisonSecret) = await TestPrincipals.IssueKeyAsync(factory, TestPrincipals.Key("Ana, OCP liaison", ["liaison"], organisation: "ocp"));
        var (leadId, leadSecret) = await TestPrincipals.IssueKeyAsync(factory, TestPrincipals.Key("Bulgaria lead", ["country-lead"], memberScope: ["bgr", "ROU"]));
        using var liaison = factory.CreateClientWithKey(liaisonSecret);
        using var lead = factory.CreateClientWithKey(leadSecret);

        var ana = await liaison.GetFromJsonAsync<CallerResponse>("/api/me", Ct);
        var bulgaria = await lead.GetFromJsonAsync<CallerResponse>("/api/me", Ct);

        Assert.Equal(new CallerResponse(liaisonId, "Ana, OCP liaison", ["liaison"], "OCP", []), ana!, CallerComparer.Instance);
        Assert.Equal(new CallerResponse(leadId, "Bulgaria lead", ["country-lead"], null, ["BGR", "ROU"]), bulgaria!, CallerComparer.Instance);
    }

    [Fact]
    public async Task The_bootstrap_key_is_the_bootstrap_admin()
    {
        using var admin = factory.CreateAdminClient();

        var me = await admin.GetFromJsonAsync<CallerResponse>("/api/me", Ct);

        Assert.Equal(new CallerResponse("bootstrap-admin", "bootstrap admin", ["admin"], null, []), me!, CallerComparer.Instance);
    }

    [Fact]
    public async Task A_bearer_token_reads_its_subject_and_mapped_claims()
    {
        using var jwt = TestPrincipals.WithBearer(factory, TestPrincipals.ExternalJwt("user-42", ["country-lead", "superuser"], members: ["GBR"]));

        var me = await jwt.GetFromJsonAsync<CallerResponse>("/api/me", Ct);

        Assert.Equal(new CallerResponse("user-42", "user-42", ["country-lead"], null, ["GBR"]), me!, CallerComparer.Instance);
    }

    [Fact]
    public async Task No_key_or_a_revoked_key_is_a_401_problem()
    {
        var (id, secret) = await TestPrincipals.IssueKeyAsync(factory, TestPrincipals.Key("reader", ["reader"]));
        using var reader = factory.CreateClientWithKey(secret);
        using var anonymous = factory.CreateClient();
        using var admin = factory.CreateAdminClient();
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/me", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/keys/{id}", Ct)).StatusCode);
        using var revoked = await reader.GetAsync("/api/me", Ct);
        using var none = await anonymous.GetAsync("/api/me", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal("application/problem+json", revoked.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
    }

    /// <summary>Records holding lists compare by reference; this compares the values.</summary>
    private sealed class CallerComparer : IEqualityComparer<CallerResponse>
    {
        public static readonly CallerComparer Instance = new();

        public bool Equals(CallerResponse? x, CallerResponse? y) =>
            x is not null && y is not null && x.Id == y.Id && x.Name == y.Name && x.Organisation == y.Organisation
            && x.Roles.SequenceEqual(y.Roles) && x.Members.SequenceEqual(y.Members);

        public int GetHashCode(CallerResponse obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
    }
}
