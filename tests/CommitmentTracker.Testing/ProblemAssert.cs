using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Xunit;

namespace CommitmentTracker.Testing;

/// <summary>Assertions on RFC 9457 problem responses, the shape of every error the API returns.</summary>
public static class ProblemAssert
{
    /// <summary>Asserts a 400 validation problem and returns the names of the invalid fields, in ordinal order.</summary>
    public static async Task<IReadOnlyList<string>> ValidationErrorsAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.NotNull(problem);
        return [.. problem.Errors.Keys.Order(StringComparer.Ordinal)];
    }
}
