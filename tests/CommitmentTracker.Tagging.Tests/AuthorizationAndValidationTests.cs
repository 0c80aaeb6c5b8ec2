using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Testing;
using Microsoft.AspNetCore.Mvc;

namespace CommitmentTracker.Tagging.Tests;

/// <summary>Who may do what, and every bad input answered with ProblemDetails.</summary>
public sealed class AuthorizationAndValidationTests : IDisposable
{
    private readonly TaggingFactory factory = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Writes => new()
    {
        { "POST", "/api/commitments/UK0098/tags" },
        { "DELETE", "/api/commitments/UK0098/tags/open-contracting" },
        { "POST", $"/api/tag-suggestions/{Guid.Empty}/accept" },
        { "POST", $"/api/tag-suggestions/{Guid.Empty}/reject" },
        { "POST", "/api/tag-suggestions/accept" },
        { "POST", "/api/tag-suggestions/reject" },
    };

    private static HttpRequestMessage Request(string method, string url) => new(new HttpMethod(method), url)
    {
        Content = method == "POST" ? JsonContent.Create(new { tag = "open-contracting", ids = new[] { Guid.Empty } }) : null,
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Readers_and_country_leads_cannot_write_and_anonymous_callers_are_401(string method, string url)
    {
        await factory.AddCommitmentAsync("UK0098", "Open contracting");

        foreach (var role in new[] { "reader", "country-lead" })
        {
            using var request = Request(method, url);
            await factory.As(role, "OGP").SendAsync(request, Ct).ProblemAsync(HttpStatusCode.Forbidden);
        }

        using var anonymous = Request(method, url);
        await factory.CreateClient().SendAsync(anonymous, Ct).ProblemAsync(HttpStatusCode.Unauthorized);
        using var liaisonWithoutOrganisation = Request(method, url);
        var problem = await factory.As("liaison", null).SendAsync(liaisonWithoutOrganisation, Ct).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("without an organisation", problem.Detail, StringComparison.Ordinal);
        using var liaisonOfAnotherOrganisation = Request(method, url);
        await factory.As("liaison", "ACME").SendAsync(liaisonOfAnotherOrganisation, Ct).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("/api/tags")]
    [InlineData("/api/tags/open-contracting/commitments")]
    [InlineData("/api/tag-suggestions")]
    [InlineData("/api/commitments/UK0098/tags")]
    [InlineData("/api/commitments/UK0098/tags/history")]
    public async Task Readers_can_read_and_anonymous_callers_are_401(string url)
    {
        await factory.AddCommitmentAsync("UK0098", "Open contracting");

        await factory.Reader().GetAsync(url, Ct).OkAsync<JsonElement>();
        await factory.CreateClient().GetAsync(url, Ct).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("POST", "/api/tags")]
    [InlineData("PUT", "/api/tags/open-contracting")]
    [InlineData("GET", "/api/tag-rules")]
    [InlineData("POST", "/api/tag-rules")]
    [InlineData("PUT", "/api/tag-rules/ocds")]
    [InlineData("POST", "/api/tag-rules/ocds/disable")]
    public async Task Only_admins_manage_the_vocabulary_and_the_rules(string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = method == "GET" ? null : JsonContent.Create(new { }) };
        await factory.Ogp().SendAsync(request, Ct).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Unknown_or_retired_tags_are_400_and_unknown_commitments_404()
    {
        await factory.AddCommitmentAsync("UK0098", "Open contracting");
        var liaison = factory.Ogp();

        Assert.Equal(["tag"], await ProblemAssert.ValidationErrorsAsync(await liaison.PostAsJsonAsync("/api/commitments/UK0098/tags", new TagCommitmentRequest("no-such-tag", null), Ct)));
        Assert.Equal(["tag"], await ProblemAssert.ValidationErrorsAsync(await liaison.PostAsJsonAsync("/api/commitments/UK0098/tags", new TagCommitmentRequest(null, null), Ct)));
        Assert.Equal(["reason"], await ProblemAssert.ValidationErrorsAsync(await liaison.PostAsJsonAsync("/api/commitments/UK0098/tags", new TagCommitmentRequest("open-contracting", new string('x', 1001)), Ct)));
        await liaison.PostAsJsonAsync("/api/commitments/XX9999/tags", new TagCommitmentRequest("open-contracting", null), Ct).ProblemAsync(HttpStatusCode.NotFound);
        await liaison.DeleteAsync("/api/commitments/XX9999/tags/open-contracting", Ct).ProblemAsync(HttpStatusCode.NotFound);
        await liaison.DeleteAsync("/api/commitments/UK0098/tags/no-such-tag", Ct).ProblemAsync(HttpStatusCode.NotFound);
        await liaison.PostAsJsonAsync($"/api/tag-suggestions/{Guid.NewGuid()}/accept", new ReviewSuggestionRequest(null), Ct).ProblemAsync(HttpStatusCode.NotFound);
        await factory.Reader().GetAsync("/api/commitments/XX9999/tags", Ct).ProblemAsync(HttpStatusCode.NotFound);
        await factory.Reader().GetAsync("/api/commitments/XX9999/tags/history", Ct).ProblemAsync(HttpStatusCode.NotFound);
        await factory.Reader().GetAsync("/api/tags/no-such-tag/commitments", Ct).ProblemAsync(HttpStatusCode.NotFound);

        await factory.CreateAdminClient().PutAsJsonAsync("/api/tags/sector-health", new UpdateTagRequest(null, null, null, null, true), Ct).OkAsync<TagResponse>();
        Assert.Equal(["tag"], await ProblemAssert.ValidationErrorsAsync(await liaison.PostAsJsonAsync("/api/commitments/UK0098/tags", new TagCommitmentRequest("sector-health", null), Ct)));
    }

    [Theory]
    [InlineData("/api/tag-suggestions?status=maybe", "status")]
    [InlineData("/api/tag-suggestions?page=0", "page")]
    [InlineData("/api/tag-suggestions?pageSize=500", "pageSize")]
    [InlineData("/api/tags/open-contracting/commitments?status=maybe", "status")]
    public async Task Bad_filters_are_400(string url, string field)
    {
        Assert.Equal([field], await ProblemAssert.ValidationErrorsAsync(await factory.Reader().GetAsync(url, Ct)));
    }

    [Fact]
    public async Task A_malformed_If_Match_is_400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tag-suggestions/{Guid.NewGuid()}/accept") { Content = JsonContent.Create(new ReviewSuggestionRequest(null)) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"abc\"");
        Assert.Equal(["If-Match"], await ProblemAssert.ValidationErrorsAsync(await factory.Ogp().SendAsync(request, Ct)));
    }

    [Fact]
    public async Task Bad_input_is_400_with_the_endpoints_title_and_message()
    {
        await factory.AddCommitmentAsync("UK0098", "Open contracting");
        var liaison = factory.Ogp();
        var admin = factory.CreateAdminClient();
        var longReason = new string('x', 1001);
        const string ReasonTooLong = "reason has at most 1000 characters.";

        await AssertInvalidAsync(liaison.PostAsJsonAsync("/api/commitments/UK0098/tags", new TagCommitmentRequest(" ", null), Ct),
            "The tag cannot be applied.", "tag", "tag is required: the id of a tag of the vocabulary (GET /api/tags).");
        await AssertInvalidAsync(liaison.PostAsJsonAsync("/api/commitments/UK0098/tags", new TagCommitmentRequest("no-such-tag", null), Ct),
            "The tag cannot be applied.", "tag", "'no-such-tag' is not a tag of the vocabulary (GET /api/tags).");
        await AssertInvalidAsync(liaison.PostAsJsonAsync("/api/commitments/UK0098/tags", new TagCommitmentRequest("open-contracting", longReason), Ct),
            "The tag cannot be applied.", "reason", ReasonTooLong);
        await AssertInvalidAsync(liaison.DeleteAsync($"/api/commitments/UK0098/tags/open-contracting?reason={longReason}", Ct),
            "The request is not valid.", "reason", ReasonTooLong);
        await AssertInvalidAsync(liaison.PostAsJsonAsync($"/api/tag-suggestions/{Guid.NewGuid()}/reject", new ReviewSuggestionRequest(longReason), Ct),
            "The request is not valid.", "reason", ReasonTooLong);
        await AssertInvalidAsync(liaison.PostAsJsonAsync("/api/tag-suggestions/accept", new BulkReviewRequest([Guid.NewGuid()], longReason), Ct),
            "The bulk review is not valid.", "reason", ReasonTooLong);
        await AssertInvalidAsync(liaison.PostAsJsonAsync("/api/tag-suggestions/reject", new BulkReviewRequest([], null), Ct),
            "The bulk review is not valid.", "ids", "ids lists 1 to 200 suggestion ids.");
        await AssertInvalidAsync(admin.PutAsJsonAsync("/api/tags/sector-health", new UpdateTagRequest(null, null, "sector-health", null, null), Ct),
            "The tag is not valid.", "parentId", "parentId 'sector-health' is not another tag of the vocabulary.");
        await AssertInvalidAsync(admin.PutAsJsonAsync("/api/tag-rules/ocds", new TagRuleRequest(null, null, null, null, null, 0, null), Ct),
            "The rule is not valid.", "confidence", "confidence is a number in (0, 1].");
        await AssertInvalidAsync(factory.Reader().GetAsync("/api/tag-suggestions?status=maybe", Ct),
            "The filters are not valid.", "status", "status is one of open, all, pending, held, proposed, accepted, rejected, superseded.");
    }

    private static async Task AssertInvalidAsync(Task<HttpResponseMessage> call, string title, string field, string message)
    {
        using var response = await call;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct);
        Assert.Equal(title, problem!.Title);
        Assert.Equal([field], problem.Errors.Keys);
        Assert.Equal([message], problem.Errors[field]);
    }

    public void Dispose() => factory.Dispose();
}
