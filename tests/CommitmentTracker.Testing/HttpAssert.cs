using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Xunit;

namespace CommitmentTracker.Testing;

/// <summary>Assertions on API answers: a success with its body, or an RFC 9457 problem (the shape of every error).</summary>
public static class HttpAssert
{
    /// <summary>Asserts <paramref name="expected"/> (200 by default) and reads the body; the message carries the body when the status differs.</summary>
    public static async Task<T> OkAsync<T>(this Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        ArgumentNullException.ThrowIfNull(call);
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {expected}, got {response.StatusCode}: {body}");
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    /// <summary>Asserts a problem answer with <paramref name="expected"/> and reads it.</summary>
    public static async Task<ProblemDetails> ProblemAsync(this Task<HttpResponseMessage> call, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(call);
        using var response = await call;
        return await response.ProblemAsync(expected);
    }

    /// <summary>Asserts <paramref name="response"/> is a problem answer with <paramref name="expected"/> and reads it.</summary>
    public static async Task<ProblemDetails> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {expected}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<ProblemDetails>())!;
    }
}
