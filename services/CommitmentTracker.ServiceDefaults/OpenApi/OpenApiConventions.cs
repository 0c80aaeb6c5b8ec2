using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace CommitmentTracker.ServiceDefaults.OpenApi;

/// <summary>
/// What every operation of every service's OpenAPI document gets without each endpoint repeating it: the 401 (and, behind
/// a named policy, 403) ProblemDetails answers of the security layer, and example values for the bodies whose types have one.
/// </summary>
public static class OpenApiConventions
{
    public const string DocumentName = "v1";

    /// <summary>Adds the conventions to the <c>v1</c> document (the one <c>AddOpenApi()</c> registers).</summary>
    public static IServiceCollection AddOpenApiConventions(this IServiceCollection services)
    {
        services.AddOpenApiExamples(examples =>
        {
            examples.Add(new ProblemDetails
            {
                Type = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
                Title = "Commitment not found.",
                Status = StatusCodes.Status404NotFound,
                Detail = "There is no commitment 'BG0039'.",
                Extensions = { ["correlationId"] = "3f1c8e0a9b7d4c52a1e6f0d2b4c8a7e9" },
            });
            examples.Add(new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["pageSize"] = ["pageSize must be between 1 and 200."] })
            {
                Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
                Title = "The paging parameters are not valid.",
                Status = StatusCodes.Status400BadRequest,
                Extensions = { ["correlationId"] = "3f1c8e0a9b7d4c52a1e6f0d2b4c8a7e9" },
            });
        });
        services.Configure<OpenApiOptions>(DocumentName, options =>
        {
            options.AddOperationTransformer(AddSecurityResponsesAsync);
            options.AddSchemaTransformer(AddExample);
            options.AddOperationTransformer(AddOptionalBodyExample);
        });
        return services;
    }

    /// <summary>Registers example values (instances of the documented types); the schema of each type shows its example.</summary>
    public static IServiceCollection AddOpenApiExamples(this IServiceCollection services, Action<OpenApiExamples> configure) =>
        services.Configure(configure);

    private static async Task AddSecurityResponsesAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return;
        }

        // Every endpoint without AllowAnonymous falls under the authenticated fallback policy: no or a wrong key is a 401.
        operation.Responses ??= new OpenApiResponses();
        // Referenced, not inlined: the component is the same ProblemDetails schema ProducesProblem uses.
        var document = context.Document!;
        document.AddComponent(nameof(ProblemDetails), await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken));
        var problem = new OpenApiSchemaReference(nameof(ProblemDetails), document);
        AddProblemResponse(operation, StatusCodes.Status401Unauthorized, "No API key, or a key that is not valid.", problem);
        if (metadata.OfType<IAuthorizeData>().Any(data => data.Policy is { Length: > 0 } || data.Roles is { Length: > 0 }))
        {
            AddProblemResponse(operation, StatusCodes.Status403Forbidden, "The key's roles do not allow this operation.", problem);
        }
    }

    private static void AddProblemResponse(OpenApiOperation operation, int status, string description, IOpenApiSchema schema)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
        {
            return;
        }

        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new()
                {
                    Schema = schema,
                    Example = new JsonObject
                    {
                        ["type"] = status == StatusCodes.Status401Unauthorized ? "https://tools.ietf.org/html/rfc9110#section-15.5.2" : "https://tools.ietf.org/html/rfc9110#section-15.5.4",
                        ["title"] = status == StatusCodes.Status401Unauthorized ? "Unauthorized" : "Forbidden",
                        ["status"] = status,
                        ["correlationId"] = "3f1c8e0a9b7d4c52a1e6f0d2b4c8a7e9",
                    },
                },
            },
        };
    }

    private static Task AddOptionalBodyExample(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        // An optional body (a nullable parameter) is documented as "null or the type", which hides the example of the
        // type's component schema; its media type shows the example instead.
        var body = context.Description.ParameterDescriptions.FirstOrDefault(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Body);
        if (body?.Type is not { } type
            || operation.RequestBody?.Content is not { } content
            || !content.TryGetValue("application/json", out var json)
            || json.Schema is null or OpenApiSchemaReference
            || json.Example is not null
            || !context.ApplicationServices.GetRequiredService<IOptions<OpenApiExamples>>().Value.TryGet(type, out var example))
        {
            return Task.CompletedTask;
        }

        var serializer = context.ApplicationServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        json.Example = JsonSerializer.SerializeToNode(example, type, serializer);
        return Task.CompletedTask;
    }

    private static Task AddExample(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        // Whatever the schema is first met as (a body, or a property of another body), it becomes the one shared
        // component schema of its type, so it carries the type's example either way.
        if (context.ApplicationServices.GetRequiredService<IOptions<OpenApiExamples>>().Value.TryGet(context.JsonTypeInfo.Type, out var example))
        {
            // OpenAPI 3.1 schemas carry a list of examples (the single "example" keyword is deprecated).
            schema.Examples = [JsonSerializer.SerializeToNode(example, context.JsonTypeInfo.Type, context.JsonTypeInfo.Options)!];
        }

        return Task.CompletedTask;
    }
}

/// <summary>Example values by type, filled by each service's module. Serialised with the API's own JSON options.</summary>
public sealed class OpenApiExamples
{
    private readonly Dictionary<Type, object> examples = [];

    public IReadOnlyCollection<Type> Types => examples.Keys;

    public OpenApiExamples Add<T>(T example)
        where T : notnull
    {
        examples[typeof(T)] = example;
        return this;
    }

    public bool TryGet(Type type, out object example)
    {
        var found = examples.TryGetValue(type, out var value);
        example = value!;
        return found;
    }
}
