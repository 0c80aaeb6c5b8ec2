using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CommitmentTracker.Engagement.Tests;

/// <summary>
/// Bad input answers one shape whether a request record's attributes or the handler caught it: a 400 validation
/// problem naming the field as JSON does (camelCase, each step of a nested one) under the endpoint's own title.
/// </summary>
public sealed class RequestValidationTests : IDisposable
{
    private const string FilterTitle = "The filter is not valid.";
    private const string MandateTitle = "The mandate assessment is not valid.";
    private const string CountryNameTitle = "The country name cannot be mapped.";

    private readonly EngagementFactory factory = new();

    public static TheoryData<string, string, string?, string, string> BadRequests => new()
    {
        { "GET", "/api/engagement?category=d", null, "category", FilterTitle },
        { "GET", "/api/engagement?category=", null, "category", FilterTitle },
        { "GET", "/api/ocds-publications?member=U1", null, "member", FilterTitle },
        { "GET", "/api/ocds-publications?member=", null, "member", FilterTitle },
        { "PUT", "/api/members/ALB/mandate", """{"politicalLeadership": {"score": 4}}""", "politicalLeadership.score", MandateTitle },
        { "PUT", "/api/members/ALB/mandate", $$$"""{"resources": {"score": 1, "note": "{{{new string('x', 2001)}}}"}}""", "resources.note", MandateTitle },
        { "PUT", "/api/members/ALB/mandate", """{"coalition": {"score": 1, "assessedOn": "2099-01-01"}}""", "coalition.assessedOn", MandateTitle },
        { "PUT", "/api/members/ALB/mandate", "null", "body", MandateTitle },
        { "PUT", "/api/ocds-publications/country-names/Kosova", """{"memberCode": "KOSOVO"}""", "memberCode", CountryNameTitle },
        { "PUT", "/api/ocds-publications/country-names/Kosova", """{"memberCode": "   "}""", "memberCode", CountryNameTitle },
        { "PUT", "/api/ocds-publications/country-names/Kosova", "null", "memberCode", CountryNameTitle },
        { "PUT", "/api/ocds-publications/country-names/%E2%80%94", """{"memberCode": "XKX"}""", "name", CountryNameTitle },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_is_a_400_naming_the_field_under_the_endpoint_title(string method, string path, string? body, string field, string title)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await factory.CreateAdminClient().SendAsync(request, TestContext.Current.CancellationToken);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(title, problem.Title);
        Assert.Equal([field], ((JsonElement)problem.Extensions["errors"]!).EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task A_member_code_with_spaces_around_it_is_accepted_trimmed_and_upper_cased()
    {
        var mapped = await factory.CreateAdminClient().PutAsJsonAsync("/api/ocds-publications/country-names/Kosova", new { memberCode = " xkx " }, TestContext.Current.CancellationToken).OkAsync<Contracts.Api.CountryNameResponse>();

        Assert.Equal("XKX", mapped.MemberCode);
    }

    public void Dispose() => factory.Dispose();
}
