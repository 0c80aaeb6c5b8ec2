using System.Text;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Testing;
using Refit;

namespace CommitmentTracker.SystemTests;

/// <summary>An import uploaded through the gateway, with the Refit client, reaches the other services over RabbitMQ.</summary>
[Collection(SharedDistributedSystem.Name)]
public sealed class ImportTests(DistributedSystem system)
{
    [Fact]
    public async Task An_Explorer_CSV_uploaded_through_the_gateway_is_imported_and_its_events_reach_Notifications()
    {
        system.RequireRunning();
        var api = system.AdminApi;
        var csv = "Country,Action Plan Number,Theme,Comm No,Commitment Title,Full Text,Start Date,End Date,Lead Institution,Supporting Institution(s)\r\n" +
                  "Bulgaria,2,Public Procurement,12,Introducing e-Procurement,\"Centralised e-procurement\nwith open data\",1/3/2015,31/12/2016,Public Procurement Agency,NA\r\n" +
                  "Bulgaria,2,Public Procurement,13,Open contracts register,Publish every contract,1/3/2015,31/12/2016,Public Procurement Agency,NA\r\n";
        await using var file = new MemoryStream(Encoding.UTF8.GetBytes(csv));

        var accepted = await api.StartImportAsync(new StreamPart(file, "explorer.csv", "text/csv"), cancellationToken: TestContext.Current.CancellationToken);
        var job = await Eventually.GetAsync(
            () => api.GetImportAsync(accepted.Id, TestContext.Current.CancellationToken),
            j => j.Status is not ("queued" or "running"), TimeSpan.FromSeconds(60), "the import to end");

        Assert.Equal(("succeeded", "ogp-explorer", 2), (job.Status, job.Layout, job.Counts.Added));
        var commitment = await api.GetCommitmentAsync("EX-BGR-02-12", TestContext.Current.CancellationToken);
        Assert.Equal(("AP_BGR02", "Centralised e-procurement\nwith open data"), (commitment.ActionPlanId, commitment.FullText));
        var listed = await api.ListCommitmentsAsync(member: "BGR", q: "contracts", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["EX-BGR-02-13"], listed.Items.Select(c => c.Id));
        var activity = await Eventually.GetAsync(
            () => api.ListActivityAsync(member: "BGR", kind: "commitment-added", cancellationToken: TestContext.Current.CancellationToken),
            page => page.Total >= 2, TimeSpan.FromSeconds(30), "Notifications to record both commitments");
        Assert.Equal(2, activity.Total);
    }
}
