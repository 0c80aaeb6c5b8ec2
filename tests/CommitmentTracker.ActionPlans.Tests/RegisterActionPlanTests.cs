using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Testing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.ActionPlans.Tests;

public sealed class RegisterActionPlanTests : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
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
        var imported = Assert.Single(await db.EventsAsync<ActionPlanImported>());
        Assert.Equal(("AP_GBR05", "GBR", "United Kingdom", 5), (imported.ActionPlanId, imported.MemberCode, imported.MemberName, imported.Number));
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

        await client.PostAsJsonAsync("/api/action-plans", Gbr05, TestContext.Current.CancellationToken).ProblemAsync(HttpStatusCode.Conflict);

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

        await client.PostAsync("/api/action-plans", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken)
            .ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("""{"memberCode":"GBR","memberName":"UK"}""", "actionPlanId", "actionPlanId is required: 3 to 40 letters, digits, '_' or '-' (e.g. AP_GBR05).")]
    [InlineData("""{"actionPlanId":"AP_GBR05","memberCode":"GBRX1","memberName":"UK"}""", "memberCode", "memberCode is required: 3 letters (ISO alpha-3) or 4 letters for a local member.")]
    [InlineData("""{"actionPlanId":"AP_GBR05","memberCode":"GBR","memberName":"   "}""", "memberName", "memberName is required, at most 200 characters.")]
    [InlineData("""{"actionPlanId":"AP_GBR05","memberCode":"GBR","memberName":"UK","submissionYear":2010}""", "submissionYear", "submissionYear must be between 2011 (OGP's founding) and 2100.")]
    [InlineData("""{"actionPlanId":"AP_GBR05","memberCode":"GBR","memberName":"UK","endYear":2101}""", "endYear", "endYear must be between 2011 and 2100.")]
    [InlineData("""{"actionPlanId":"AP_GBR05","memberCode":"GBR","memberName":"UK","submissionYear":2023,"endYear":2021}""", "endYear", "endYear cannot be before submissionYear.")]
    public async Task A_bad_field_is_answered_with_its_rule_under_the_endpoints_title(string body, string field, string message)
    {
        var client = factory.CreateAdminClient();

        using var response = await client.PostAsync("/api/action-plans", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        await response.ProblemAsync(HttpStatusCode.BadRequest);
        var problem = JsonSerializer.Deserialize<ValidationProblemDetails>(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), Json);
        Assert.Equal("The action plan is not valid.", problem!.Title);
        Assert.Equal([message], Assert.Single(problem.Errors, e => e.Key == field).Value);
    }

    [Fact]
    public async Task Names_of_200_characters_are_taken_without_their_surrounding_spaces_and_longer_ones_refused()
    {
        var client = factory.CreateAdminClient();
        var name = "N" + new string('x', 198) + "N";
        var padded = new RegisterActionPlanRequest { ActionPlanId = " ap_gbr05 ", MemberCode = " gbr ", MemberName = $"  {name}  " };

        var plan = await client.PostAsJsonAsync("/api/action-plans", padded, TestContext.Current.CancellationToken).OkAsync<ActionPlanResponse>(HttpStatusCode.Created);
        var tooLong = await client.PostAsJsonAsync("/api/action-plans", padded with { ActionPlanId = "AP_GBR06", MemberName = name + "x" }, TestContext.Current.CancellationToken);

        Assert.Equal(("AP_GBR05", "GBR", name), (plan.Id, plan.MemberCode, plan.MemberName));
        Assert.Equal(["memberName"], await ProblemAssert.ValidationErrorsAsync(tooLong));
    }

    [Theory]
    [InlineData("reader", null, null)]
    [InlineData("liaison", "OGP", null)]
    [InlineData("country-lead", null, "GBR")]
    public async Task Only_admins_record_plans(string role, string? organisation, string? member)
    {
        var client = factory.As(role, organisation, member is null ? null : [member]);

        await client.PostAsJsonAsync("/api/action-plans", Gbr05, TestContext.Current.CancellationToken).ProblemAsync(HttpStatusCode.Forbidden);

        using var scope = factory.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<ActionPlansDb>().ActionPlans.AnyAsync(TestContext.Current.CancellationToken));
        var admin = await factory.As("admin").PostAsJsonAsync("/api/action-plans", Gbr05, TestContext.Current.CancellationToken).OkAsync<ActionPlanResponse>(HttpStatusCode.Created);
        Assert.Equal("AP_GBR05", admin.Id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key-0123456789")]
    public async Task Without_a_valid_key_writes_are_401(string? key)
    {
        var client = key is null ? factory.CreateClient() : factory.CreateClientWithKey(key);

        await client.PostAsJsonAsync("/api/action-plans", Gbr05, TestContext.Current.CancellationToken).ProblemAsync(HttpStatusCode.Unauthorized);

        using var scope = factory.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<ActionPlansDb>().ActionPlans.AnyAsync(TestContext.Current.CancellationToken));
    }

    public void Dispose() => factory.Dispose();
}
