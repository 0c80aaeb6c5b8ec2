using System.Net;
using System.Net.Http.Json;
using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.ActionPlans.Tests;

public sealed class RegisterActionPlanTests : IDisposable
{
    private readonly ServiceFactory<Program> factory = new();

    private static RegisterActionPlanRequest Gbr05 => new()
    {
        ActionPlanId = "AP_GBR05", MemberCode = "gbr", MemberName = "United Kingdom", Number = 5, SubmissionYear = 2021, EndYear = 2023,
    };

    [Fact]
    public async Task Admin_records_a_plan_and_its_event_in_one_save()
    {
        var client = factory.CreateAdminClient();

        var response = await client.PostAsJsonAsync("/api/action-plans", Gbr05, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/action-plans/AP_GBR05", response.Headers.Location?.ToString());
        var plan = await response.Content.ReadFromJsonAsync<ActionPlanResponse>(TestContext.Current.CancellationToken);
        Assert.Equal(new { Id = "AP_GBR05", MemberCode = "GBR", MemberName = "United Kingdom", Number = (int?)5 }, new { plan!.Id, plan.MemberCode, plan.MemberName, plan.Number });

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ActionPlansDb>();
        var outbox = await db.OutboxMessages.SingleAsync(TestContext.Current.CancellationToken);
        Assert.StartsWith(typeof(ActionPlanImported).FullName!, outbox.MessageType, StringComparison.Ordinal);
        Assert.Contains("\"actionPlanId\":\"AP_GBR05\"", outbox.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_relay_publishes_promptly_after_commit()
    {
        var client = factory.CreateAdminClient();
        await client.PostAsJsonAsync("/api/action-plans", Gbr05, TestContext.Current.CancellationToken);

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ActionPlansDb>();
        // The polling fallback is 5 s: being sent well within 2 s shows the commit woke the relay.
        await Eventually.UntilAsync(() => db.OutboxMessages.AsNoTracking().AllAsync(m => m.SentAt != null), TimeSpan.FromSeconds(2), "the outbox row to be sent");
    }

    [Fact]
    public async Task A_second_plan_with_the_same_id_is_a_conflict_and_publishes_nothing_more()
    {
        var client = factory.CreateAdminClient();
        await client.PostAsJsonAsync("/api/action-plans", Gbr05, TestContext.Current.CancellationToken);

        var again = await client.PostAsJsonAsync("/api/action-plans", Gbr05, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        using var scope = factory.Services.CreateScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ActionPlansDb>().OutboxMessages.CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("{}", "actionPlanId")]
    [InlineData("""{"actionPlanId":"AP_GBR05","memberCode":"GB","memberName":"UK"}""", "memberCode")]
    [InlineData("""{"actionPlanId":"AP GBR 05!","memberCode":"GBR","memberName":"UK"}""", "actionPlanId")]
    [InlineData("""{"actionPlanId":"AP_GBR05","memberCode":"GBR","memberName":"UK","submissionYear":2023,"endYear":2021}""", "endYear")]
    [InlineData("""{"actionPlanId":"AP_GBR05","memberCode":"GBR","memberName":"UK","number":0}""", "number")]
    public async Task Invalid_plans_are_400_with_the_field_named_and_nothing_written(string body, string field)
    {
        var client = factory.CreateAdminClient();

        var response = await client.PostAsync("/api/action-plans", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Contains(field, await ProblemAssert.ValidationErrorsAsync(response));
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ActionPlansDb>();
        Assert.False(await db.ActionPlans.AnyAsync(TestContext.Current.CancellationToken));
        Assert.False(await db.OutboxMessages.AnyAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_not_a_500()
    {
        var client = factory.CreateAdminClient();

        var response = await client.PostAsync("/api/action-plans", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key-0123456789")]
    public async Task Without_a_valid_key_writes_are_401(string? key)
    {
        var client = key is null ? factory.CreateClient() : factory.CreateClientWithKey(key);

        var response = await client.PostAsJsonAsync("/api/action-plans", Gbr05, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var scope = factory.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<ActionPlansDb>().ActionPlans.AnyAsync(TestContext.Current.CancellationToken));
    }

    public void Dispose() => factory.Dispose();
}
