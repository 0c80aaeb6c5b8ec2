using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.Testing;

namespace CommitmentTracker.Platform.Tests.Hardening;

/// <summary>The embedded host on real Kestrel with a small default body limit: the import upload still takes its larger file.</summary>
public sealed class EmbeddedBodyLimitTests
{
    [Fact]
    public async Task The_default_limit_rejects_a_large_json_body_while_the_import_upload_keeps_its_own_limit()
    {
        using var host = new ServiceFactory<Program>(new Dictionary<string, string?> { ["Limits:MaxRequestBodyBytes"] = "65536" });
        host.UseKestrel(0);
        host.StartServer();
        using var admin = host.CreateAdminClient();
        var sample = Path.Combine(Repository.Root, "tests", "fixtures", "ogp", "commitments-sample.csv");
        Assert.True(new FileInfo(sample).Length > 65536, "the sample must exceed the limit under test");

        using var tooLarge = await admin.PostAsJsonAsync("/api/action-plans",
            new RegisterActionPlanRequest { ActionPlanId = "AP_BIG01", MemberCode = "BIG", MemberName = new string('x', 100_000) }, TestContext.Current.CancellationToken);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(sample, TestContext.Current.CancellationToken));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "commitments-sample.csv");
        using var upload = await admin.PostAsync("/api/imports", form, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal("application/problem+json", tooLarge.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
    }
}
