using System.Text.Json.Nodes;

namespace CommitmentTracker.Edge.OpenApi;

/// <summary>One service's OpenAPI document (parsed JSON), named after its gateway cluster.</summary>
internal sealed record ServiceOpenApiDocument(string Service, JsonObject Document);

/// <summary>The merged document and what the merge had to decide: renamed components and operations two services both declared.</summary>
internal sealed record MergedOpenApiDocument(JsonObject Document, IReadOnlyList<string> RenamedComponents, IReadOnlyList<string> DuplicateOperations);

/// <summary>
/// Merges the services' OpenAPI documents into the one document of the public API. Deterministic whatever order the
/// documents arrive in: services are taken in ordinal order of their names, and the first one keeps a contested name.
/// A component (schema, response, ...) that two services define differently is renamed in the later service to
/// <c>{Service}{Name}</c> and every <c>$ref</c> of that service follows; identical definitions are kept once.
/// </summary>
internal static class OpenApiDocumentMerger
{
    private const string ComponentsPrefix = "#/components/";
    private static readonly string[] OperationKeys = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    public static MergedOpenApiDocument Merge(IEnumerable<ServiceOpenApiDocument> documents, string title, string description)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var ordered = documents.OrderBy(d => d.Service, StringComparer.Ordinal).ToList();
        var paths = new JsonObject();
        var components = new JsonObject();
        var tags = new JsonArray();
        var tagNames = new HashSet<string>(StringComparer.Ordinal);
        JsonArray? security = null;
        var renamed = new List<string>();
        var duplicates = new List<string>();

        foreach (var (service, original) in ordered)
        {
            // A copy: the caller's documents stay as fetched (they may be merged again with a newer sibling).
            var document = original.DeepClone().AsObject();
            var renames = PlanRenames(service, document, components);
            RewriteReferences(document, renames);
            renamed.AddRange(renames.SelectMany(section => section.Value.Select(r => $"{service}: {section.Key}/{r.Key} -> {r.Value}")));

            if (document["components"] is JsonObject serviceComponents)
            {
                foreach (var (section, entries) in serviceComponents)
                {
                    if (entries is not JsonObject sectionEntries)
                    {
                        continue;
                    }

                    var target = components[section] as JsonObject ?? (JsonObject)(components[section] = new JsonObject());
                    foreach (var (name, definition) in sectionEntries)
                    {
                        var finalName = renames.TryGetValue(section, out var sectionRenames) && sectionRenames.TryGetValue(name, out var newName) ? newName : name;
                        if (!target.ContainsKey(finalName))
                        {
                            target[finalName] = definition?.DeepClone();
                        }
                    }
                }
            }

            if (document["paths"] is JsonObject servicePaths)
            {
                foreach (var (path, item) in servicePaths)
                {
                    if (item is not JsonObject pathItem)
                    {
                        continue;
                    }

                    var target = paths[path] as JsonObject ?? (JsonObject)(paths[path] = new JsonObject());
                    foreach (var (key, value) in pathItem)
                    {
                        if (!target.ContainsKey(key))
                        {
                            target[key] = value?.DeepClone();
                        }
                        else if (OperationKeys.Contains(key))
                        {
                            duplicates.Add($"{key.ToUpperInvariant()} {path} ({service})");
                        }
                    }
                }
            }

            if (document["tags"] is JsonArray serviceTags)
            {
                foreach (var tag in serviceTags.OfType<JsonObject>())
                {
                    if (tag["name"]?.GetValue<string>() is { } name && tagNames.Add(name))
                    {
                        tags.Add(tag.DeepClone());
                    }
                }
            }

            security ??= document["security"]?.DeepClone() as JsonArray;
        }

        var merged = new JsonObject
        {
            ["openapi"] = ordered.Select(d => d.Document["openapi"]?.GetValue<string>()).FirstOrDefault(v => v is not null) ?? "3.1.1",
            ["info"] = new JsonObject { ["title"] = title, ["description"] = description, ["version"] = "1.0.0" },
            ["paths"] = paths,
            ["components"] = components,
        };
        if (security is not null)
        {
            merged["security"] = security;
        }

        if (tags.Count > 0)
        {
            merged["tags"] = tags;
        }

        return new MergedOpenApiDocument(merged, renamed, duplicates);
    }

    /// <summary>For each component section, the names of this service's components that clash with a different, already merged one.</summary>
    private static Dictionary<string, Dictionary<string, string>> PlanRenames(string service, JsonObject document, JsonObject merged)
    {
        var renames = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        if (document["components"] is not JsonObject serviceComponents)
        {
            return renames;
        }

        var prefix = Prefix(service);
        foreach (var (section, entries) in serviceComponents)
        {
            if (entries is not JsonObject sectionEntries || merged[section] is not JsonObject existing)
            {
                continue;
            }

            foreach (var (name, definition) in sectionEntries)
            {
                if (!existing.TryGetPropertyValue(name, out var other) || JsonNode.DeepEquals(other, definition))
                {
                    continue;
                }

                var candidate = prefix + name;
                for (var suffix = 2; existing.ContainsKey(candidate) || sectionEntries.ContainsKey(candidate); suffix++)
                {
                    candidate = $"{prefix}{name}{suffix}";
                }

                if (!renames.TryGetValue(section, out var sectionRenames))
                {
                    renames[section] = sectionRenames = new Dictionary<string, string>(StringComparer.Ordinal);
                }

                sectionRenames[name] = candidate;
            }
        }

        return renames;
    }

    private static void RewriteReferences(JsonNode? node, Dictionary<string, Dictionary<string, string>> renames)
    {
        if (renames.Count == 0)
        {
            return;
        }

        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var target) && target.StartsWith(ComponentsPrefix, StringComparison.Ordinal))
                {
                    var parts = target[ComponentsPrefix.Length..].Split('/', 2);
                    if (parts.Length == 2 && renames.TryGetValue(parts[0], out var sectionRenames) && sectionRenames.TryGetValue(parts[1], out var newName))
                    {
                        obj["$ref"] = $"{ComponentsPrefix}{parts[0]}/{newName}";
                    }
                }

                foreach (var (_, child) in obj.ToList())
                {
                    RewriteReferences(child, renames);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    RewriteReferences(child, renames);
                }

                break;
        }
    }

    /// <summary><c>action-plans</c> → <c>ActionPlans</c>: a component-name-safe prefix from a cluster id.</summary>
    internal static string Prefix(string service) =>
        string.Concat(service.Split(['-', '_', '.', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}
