using System.Net;
using System.Text;
using CommitmentTracker.Client;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Contracts.Events;
using CommitmentTracker.Testing;
using Refit;

namespace CommitmentTracker.SystemTests;

/// <summary>
/// Engagement across processes: a plan imported through the gateway reaches Engagement and Notifications over RabbitMQ;
/// the admin's registry import makes a stale publication a dip, which Notifications puts in a follower's feed.
/// </summary>
[Collection(SharedDistributedSystem.Name)]
public sealed class EngagementTests(DistributedSystem system)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Csv =
        "Country,Action Plan Number,Theme,Comm No,Commitment Title,Full Text,Start Date,End Date,Lead Institution,Supporting Institution(s)\r\n" +
        "Paraguay,4,Public Procurement,2,Procurement portal,Publish procurement data,1/1/2018,31/12/2020,Dirección Nacional de Contrataciones Públicas,NA\r\n";

    [Fact]
    public async Task A_stale_registry_publication_reaches_the_members_follower_as_a_dip()
    {
        system.RequireRunning();
        var admin = system.AdminApi;
        await using (var file = new MemoryStream(Encoding.UTF8.GetBytes(Csv)))
        {
            var accepted = await admin.StartImportAsync(new StreamPart(file, "paraguay.csv", "text/csv"), cancellationToken: Ct);
            var job = await Eventually.GetAsync(() => admin.GetImportAsync(accepted.Id, Ct), j => j.Status is not ("queued" or "running"), TimeSpan.FromSeconds(60), "the import to end");
            Assert.Equal("succeeded", job.Status);
        }

        await Eventually.UntilAsync(async () => (await admin.ListActivityAsync(member: "PRY", kind: "action-plan-imported", cancellationToken: Ct)).Total > 0,
            TimeSpan.FromSeconds(30), "Notifications to know Paraguay");
        await Eventually.UntilAsync(async () => await KnownToEngagementAsync(admin), TimeSpan.FromSeconds(30), "Engagement to know Paraguay");

        var lead = await admin.CreateApiKeyAsync(new CreateApiKeyRequest("Paraguay lead", ["country-lead"], null, ["PRY"], null), Ct);
        var leadApi = CommitmentTrackerClient.Create(system.GatewayAddress, lead.Secret);
        await leadApi.CreateSubscriptionAsync(new CreateSubscriptionRequest(
            "Paraguay engagement", ["PRY"], null, ["engagement-dip", "engagement-category-changed"], ["feed"], null, null, null, null, null, null), Ct);

        // The registry's data for Paraguay ends years ago: a publication, so (c), but stale.
        var imported = await admin.ImportOcdsPublicationsAsync(
            [new OcdsRegistryPublication { Id = 9001, Title = "Contrataciones públicas", Country = "Paraguay", DateTo = "2024-01-31", LastRetrieved = "2024-02-01", Coverage = new Dictionary<string, long> { ["/tender"] = 1200 } }],
            cancellationToken: Ct);
        Assert.Contains("PRY", imported.MembersReassessed);

        var feed = await Eventually.GetAsync(() => leadApi.ListNotificationsAsync(unread: true, cancellationToken: Ct),
            f => f.Items.Any(n => n.Content.Kind == "engagement-dip"), TimeSpan.FromSeconds(30), "the dip in the lead's feed");
        var dip = feed.Items.First(n => n.Content.Kind == "engagement-dip").Content;
        Assert.Equal(("PRY", "Paraguay"), (dip.MemberCode, dip.MemberName));
        Assert.Contains("180 days", dip.Summary + string.Join(' ', dip.Changes.Select(c => c.After)), StringComparison.Ordinal);

        var engagement = await leadApi.GetMemberEngagementAsync("PRY", Ct);
        Assert.Equal(EngagementCategory.MightInclude, engagement.Category);
        Assert.Contains(engagement.Warnings, w => w.StartsWith("No OCDS publication has data newer than 180 days", StringComparison.Ordinal));
    }

    private static async Task<bool> KnownToEngagementAsync(ICommitmentTrackerApi api)
    {
        try
        {
            await api.GetMemberEngagementAsync("PRY", Ct);
            return true;
        }
        catch (ApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
