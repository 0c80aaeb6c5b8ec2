extern alias host;
using System.Net;
using System.Text;
using System.Text.Json;
using CommitmentTracker.Client;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Refit;

namespace CommitmentTracker.Web.Tests.Workspace;

/// <summary>A key issued for one kind of person, and what the layout should say about them.</summary>
public sealed record Person(string Role, string Name, string Secret, string Id, string? Organisation, string[] Members);

/// <summary>
/// The embedded host for real, on Kestrel on a free loopback port (a browser can reach it), with the real 20-row OGP
/// sample imported, the OCP registry sample, a mandate for GBR, and a key for each kind of person issued through the API.
/// </summary>
public class WorkspaceHost : IAsyncLifetime
{
    public const string Reader = "reader";
    public const string OgpLiaison = "liaison-ogp";
    public const string OcpLiaison = "liaison-ocp";
    public const string CountryLead = "country-lead";
    public const string Admin = "admin";
    public static readonly string[] Roles = [Admin, OgpLiaison, OcpLiaison, CountryLead, Reader];

    private readonly Dictionary<string, Person> people = [];
    private HostFactory? factory;

    public Uri Address { get; private set; } = null!;

    public IReadOnlyDictionary<string, Person> People => people;

    public ICommitmentTrackerApi AdminApi => CommitmentTrackerClient.Create(Address, TestKeys.Admin);

    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    protected virtual int Port => 0;

    /// <summary>Whether the sample, the registry and the keys are set up (a host for sign-in alone needs none).</summary>
    protected virtual bool ImportsSample => true;

    public IServiceProvider Services => factory!.Services;

    /// <summary>The host's warnings and errors, for failure messages: a 500 alone does not say what the server saw.</summary>
    public RecordingLoggerProvider Log { get; } = new();

    public virtual async ValueTask InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(Settings)
        {
            ["RateLimits:PermitsPerMinute"] = "600000",
            ["RateLimits:Burst"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
            // The header's unread count, asked for every 2 seconds: a browser test sees it rise without waiting long.
            ["Web:UnreadPollInterval"] = "00:00:02",
            // A webhook on loopback (nothing listens there; its deliveries fail and are listed as failed).
            ["Notifications:Webhooks:AllowList:0"] = "127.0.0.1",
            // A configured source for the imports page to list (no schedule: never pulled unless asked).
            ["Imports:Sources:ogp-commitments:Url"] = "http://127.0.0.1:9/commitments.csv?token=not-shown",
        };
        factory = new HostFactory(settings, services =>
        {
            services.AddSingleton<ILoggerProvider>(Log);
            ConfigureServices(services);
        });
        factory.UseKestrel(Port);
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Address = new Uri(addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));

        if (!ImportsSample)
        {
            return;
        }

        try
        {
            await SetUpSampleAsync();
        }
        catch (Exception e) when (Log.Entries.Count > 0)
        {
            throw new InvalidOperationException($"Setting up the workspace failed: {e.Message} The host logged:\n{string.Join("\n", Log.Entries.TakeLast(20))}", e);
        }
    }

    private async Task SetUpSampleAsync()
    {
        var admin = AdminApi;
        await ImportSampleAsync(admin);
        await IssueAsync(admin, Admin, new CreateApiKeyRequest("Ada Admin", ["admin"], null, null, null));
        await IssueAsync(admin, OgpLiaison, new CreateApiKeyRequest("Gabriela OGP liaison", ["liaison"], "OGP", null, null));
        await IssueAsync(admin, OcpLiaison, new CreateApiKeyRequest("Oscar OCP liaison", ["liaison"], "OCP", null, null));
        await IssueAsync(admin, CountryLead, new CreateApiKeyRequest("Lena UK and Bulgaria lead", ["country-lead"], null, ["GBR", "BGR"], null));
        await IssueAsync(admin, Reader, new CreateApiKeyRequest("Rui Reader", ["reader"], null, null, null));

        // Tagging keeps its own copy of the commitments (from ActionPlans' events), with its suggestions.
        foreach (var id in OgpSampleSheet.Rows.Keys)
        {
            await Eventually.UntilAsync(async () => await KnownToTaggingAsync(admin, id), TimeSpan.FromSeconds(30), $"Tagging to know {id}");
        }

        // Liaisons of both organisations confirm UK0098 as open contracting: Engagement counts it from then on.
        foreach (var liaison in new[] { OgpLiaison, OcpLiaison })
        {
            await CommitmentTrackerClient.Create(Address, people[liaison].Secret)
                .TagCommitmentAsync("UK0098", new TagCommitmentRequest("open-contracting", "The plan publishes contracts under OC4IDS."));
        }

        await Eventually.UntilAsync(async () => (await EngagementOfAsync(admin, "GBR"))?.OpenContractingCommitments.Any(c => c.CommitmentId == "UK0098") == true,
            TimeSpan.FromSeconds(30), "Engagement to count UK0098 as open contracting");
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>A new key for one test to revoke without disturbing the others.</summary>
    public async Task<Person> IssueThrowawayAsync(string name)
    {
        var created = await AdminApi.CreateApiKeyAsync(new CreateApiKeyRequest(name, ["reader"], null, null, null));
        return new Person(Reader, name, created.Secret, created.Key.Id, null, []);
    }

    /// <summary>Imports the sample again with <paramref name="change"/> applied to its text, and waits for the import to end.</summary>
    public async Task<ImportResponse> ImportChangedSampleAsync(Func<string, string> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var admin = AdminApi;
        var sheet = change(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "tests", "fixtures", "ogp", "commitments-sample.csv"), Encoding.UTF8));
        await using var file = new MemoryStream(Encoding.UTF8.GetBytes(sheet));
        var accepted = await admin.StartImportAsync(new StreamPart(file, "commitments-changed.csv", "text/csv"));
        var job = await Eventually.GetAsync(() => admin.GetImportAsync(accepted.Id), j => j.Status is not ("queued" or "running"), TimeSpan.FromSeconds(60), "the changed sample's import to end");
        Assert.Equal("succeeded", job.Status);
        return job;
    }

    private async Task IssueAsync(ICommitmentTrackerApi admin, string role, CreateApiKeyRequest request)
    {
        var created = await admin.CreateApiKeyAsync(request);
        people[role] = new Person(role, request.Name!, created.Secret, created.Key.Id, created.Key.Organisation, [.. created.Key.MemberScope]);
    }

    private static async Task ImportSampleAsync(ICommitmentTrackerApi admin)
    {
        await using (var file = File.OpenRead(Path.Combine(Repository.Root, "tests", "fixtures", "ogp", "commitments-sample.csv")))
        {
            var accepted = await admin.StartImportAsync(new StreamPart(file, "commitments-sample.csv", "text/csv"));
            var job = await Eventually.GetAsync(() => admin.GetImportAsync(accepted.Id), j => j.Status is not ("queued" or "running"), TimeSpan.FromSeconds(60), "the sample import to end");
            Assert.Equal("succeeded", job.Status);
        }

        var publications = JsonSerializer.Deserialize<List<OcdsRegistryPublication>>(
            await File.ReadAllTextAsync(Path.Combine(Repository.Root, "tests", "fixtures", "ocp", "publications-sample.json"), Encoding.UTF8))!;
        await admin.ImportOcdsPublicationsAsync(publications);
        // Engagement follows every member of the sheet from the import's events; a mandate is for a member it knows.
        var members = OgpSampleSheet.Rows.Values.Select(r => r["Code"]).Distinct(StringComparer.Ordinal).Count();
        await Eventually.UntilAsync(async () => (await admin.ListEngagementAsync(1, 200)).Items.Count >= members,
            TimeSpan.FromSeconds(60), "Engagement to know every member of the sample");
        await admin.PutMemberMandateAsync("GBR", new UpdateMandateRequest(new MandateComponentRequest(2, "Cabinet Office leads", null), null, new MandateComponentRequest(1, null, null), null));
        await Eventually.UntilAsync(async () => (await EngagementOfAsync(admin, "GBR"))?.Mandate is not null, TimeSpan.FromSeconds(30), "the GBR mandate in its assessment");
    }

    private static async Task<bool> KnownToTaggingAsync(ICommitmentTrackerApi admin, string id)
    {
        try
        {
            await admin.GetCommitmentTagsAsync(id);
            return true;
        }
        catch (ApiException missing) when (missing.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private static async Task<EngagementResponse?> EngagementOfAsync(ICommitmentTrackerApi admin, string code)
    {
        try
        {
            return await admin.GetMemberEngagementAsync(code);
        }
        catch (ApiException missing) when (missing.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private sealed class HostFactory(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection> configureServices)
        : ServiceFactory<host::Program>(settings, configureServices);
}

[CollectionDefinition(Name)]
public sealed class SharedWorkspace : ICollectionFixture<WorkspaceHost>, ICollectionFixture<Browser.Chromium>
{
    public const string Name = "workspace";
}
