using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Contracts.Api;
using CommitmentTracker.ServiceDefaults.OpenApi;

namespace CommitmentTracker.Edge.Keys;

/// <summary>Example bodies for the key endpoints in the OpenAPI document: an OCP liaison's key.</summary>
internal static class ApiKeyExamples
{
    public static void Add(OpenApiExamples examples)
    {
        var created = new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);
        var key = new ApiKeyResponse(
            "key_3f9a1c7e5b2d8046", "OCP liaison — Europe desk", [Roles.Liaison], Organisations.Ocp, [], "bootstrap-admin", created, created.AddYears(1), null);
        examples
            .Add(new CreateApiKeyRequest("OCP liaison — Europe desk", [Roles.Liaison], Organisations.Ocp, null, null))
            .Add(key)
            .Add(new CreatedApiKeyResponse(key, "ctk_4pZ0c9QeV1m8xY3rT6uB2nH5kL7sD0fG1jW4aE8iO2"))
            .Add(new PagedResponse<ApiKeyResponse>([key], 1, 50, 1))
            .Add(new CallerResponse(key.Id, key.Name, key.Roles, key.Organisation, key.MemberScope));
    }
}
