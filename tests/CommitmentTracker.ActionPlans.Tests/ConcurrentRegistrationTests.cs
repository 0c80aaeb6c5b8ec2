using System.Net;
using System.Net.Http.Json;
using CommitmentTracker.ActionPlans.Data;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.ActionPlans.Tests;

public sealed class ConcurrentRegistrationTests : IDisposable
{
    private readonly ServiceFactory<Program> factory = new();

    [Fact]
    public async Task Concurrent_plans_of_a_new_member_all_succeed_and_create_the_member_once()
    {
        var client = factory.CreateAdminClient();

        var responses = await Task.WhenAll(Enumerable.Range(1, 12).Select(i => client.PostAsJsonAsync(
            "/api/action-plans",
            new RegisterActionPlanRequest { ActionPlanId = $"AP_NEW{i:D2}", MemberCode = "NEW", MemberName = "New Member" },
            TestContext.Current.CancellationToken)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ActionPlansDb>();
        Assert.Equal(1, await db.Members.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(12, await db.OutboxMessages.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Plan_ids_are_case_insensitive()
    {
        var client = factory.CreateAdminClient();
        await client.PostAsJsonAsync("/api/action-plans", new RegisterActionPlanRequest { ActionPlanId = "AP_GBR05", MemberCode = "GBR", MemberName = "United Kingdom" }, TestContext.Current.CancellationToken);

        var again = await client.PostAsJsonAsync("/api/action-plans", new RegisterActionPlanRequest { ActionPlanId = "ap_gbr05", MemberCode = "GBR", MemberName = "United Kingdom" }, TestContext.Current.CancellationToken);
        var found = await client.GetFromJsonAsync<ActionPlanResponse>("/api/action-plans/ap_gbr05", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("AP_GBR05", found!.Id);
    }

    public void Dispose() => factory.Dispose();
}
