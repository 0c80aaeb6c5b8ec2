using System.Net;
using System.Net.Http.Json;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Testing;
using Microsoft.EntityFrameworkCore;

namespace CommitmentTracker.Engagement.Tests;

/// <summary><c>PUT /api/members/{code}/mandate</c>: liaisons' mandate assessments, validated whole, feeding the assessment.</summary>
public sealed class MandateTests : IDisposable
{
    private readonly EngagementFactory factory = new();

    private static UpdateMandateRequest Mandate(int leadership = 2, int? officials = 3) => new(
        new MandateComponentRequest(leadership, "The Prime Minister's office leads.", new DateOnly(2026, 10, 28)),
        officials is null ? null : new MandateComponentRequest(officials, "A named head of procurement policy.", null),
        null,
        null);

    [Fact]
    public async Task A_liaison_records_a_mandate_that_makes_a_member_without_commitments_category_c()
    {
        await factory.ImportRowAsync("AL0002", Sample.RunningPlan);

        var mandate = await factory.Ocp().PutAsJsonAsync("/api/members/alb/mandate", Mandate(), TestContext.Current.CancellationToken).OkAsync<MandateResponse>();

        Assert.Equal(("ALB", 2, 3, "ocp-liaison (OCP)"), (mandate.MemberCode, mandate.PoliticalLeadership!.Score, mandate.NamedOfficials!.Score, mandate.UpdatedBy));
        Assert.Null(mandate.Resources);
        var engagement = await factory.Reader().GetAsync("/api/members/ALB/engagement", TestContext.Current.CancellationToken).OkAsync<EngagementResponse>();
        Assert.Equal(EngagementCategory.MightInclude, engagement.Category);
        Assert.Equal(5.0 / 6, Assert.Single(engagement.Components, c => c.Name == "mandate").Score, 3);
        Assert.Contains("political-leadership 2/3 (2026-10-28: The Prime Minister's office leads.)", engagement.Explanation, StringComparison.Ordinal);
        Assert.Equal(mandate, engagement.Mandate);
        var history = await factory.Reader().GetAsync("/api/members/ALB/engagement/history", TestContext.Current.CancellationToken).OkAsync<PagedResponse<EngagementHistoryEntryResponse>>();
        Assert.Equal("mandate by ocp-liaison (OCP)", history.Items[0].Trigger);
        Assert.Equal(EngagementCategory.MightInclude, Assert.Single(await factory.AssessedEventsAsync()).Category);
    }

    [Fact]
    public async Task A_new_assessment_replaces_the_previous_and_the_same_one_again_moves_nothing()
    {
        await factory.ImportRowAsync("AL0002", Sample.RunningPlan);
        await factory.Ocp().PutAsJsonAsync("/api/members/ALB/mandate", Mandate(), TestContext.Current.CancellationToken).OkAsync<MandateResponse>();

        var replaced = await factory.As("liaison", "OGP", id: "ogp-liaison").PutAsJsonAsync("/api/members/ALB/mandate", Mandate(leadership: 1, officials: null), TestContext.Current.CancellationToken).OkAsync<MandateResponse>();
        await factory.As("liaison", "OGP", id: "ogp-liaison").PutAsJsonAsync("/api/members/ALB/mandate", Mandate(leadership: 1, officials: null), TestContext.Current.CancellationToken).OkAsync<MandateResponse>();

        Assert.Equal((1, (MandateComponentResponse?)null, "ogp-liaison (OGP)"), (replaced.PoliticalLeadership!.Score, replaced.NamedOfficials, replaced.UpdatedBy));
        Assert.Equal(1, await factory.QueryAsync(db => db.MandateScores.CountAsync()));
        Assert.Equal(2, (await factory.AssessedEventsAsync()).Count);
    }

    [Theory]
    [InlineData("""{"politicalLeadership": {"score": 4}}""", "politicalLeadership.score")]
    [InlineData("""{"resources": {"score": -1}}""", "resources.score")]
    [InlineData("""{"coalition": {"note": "no score"}}""", "coalition.score")]
    [InlineData("""{}""", "body")]
    [InlineData("""{"politicalLeadership": {"score": 2}, "namedOfficials": {"score": 9}}""", "namedOfficials.score")]
    [InlineData("""{"politicalLeadership": {"score": 2, "assessedOn": "2099-01-01"}}""", "politicalLeadership.assessedOn")]
    public async Task Scores_out_of_range_are_a_400_and_nothing_is_half_applied(string body, string field)
    {
        await factory.ImportRowAsync("AL0002", Sample.RunningPlan);

        using var response = await factory.Ocp().PutAsync("/api/members/ALB/mandate", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Contains(field, await ProblemAssert.ValidationErrorsAsync(response));
        Assert.Equal(0, await factory.QueryAsync(db => db.MandateScores.CountAsync()));
        Assert.Equal(1, await factory.QueryAsync(db => db.AssessmentHistory.CountAsync()));
    }

    [Fact]
    public async Task An_unknown_member_is_a_404()
    {
        var problem = await factory.Ocp().PutAsJsonAsync("/api/members/ZZZ/mandate", Mandate(), TestContext.Current.CancellationToken).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Contains("ZZZ", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reader", null, HttpStatusCode.Forbidden)]
    [InlineData("country-lead", "ALB", HttpStatusCode.Forbidden)]
    [InlineData(null, null, HttpStatusCode.Unauthorized)]
    public async Task Readers_and_country_leads_even_in_scope_cannot_record_a_mandate(string? role, string? members, HttpStatusCode expected)
    {
        await factory.ImportRowAsync("AL0002", Sample.RunningPlan);
        using var client = role is null ? factory.CreateClient() : factory.As(role, members: members is null ? null : [members]);

        await client.PutAsJsonAsync("/api/members/ALB/mandate", Mandate(), TestContext.Current.CancellationToken).ProblemAsync(expected);

        Assert.Equal(0, await factory.QueryAsync(db => db.MandateScores.CountAsync()));
    }

    public void Dispose() => factory.Dispose();
}
