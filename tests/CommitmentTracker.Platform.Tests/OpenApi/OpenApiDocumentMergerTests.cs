using System.Text.Json.Nodes;
using CommitmentTracker.Edge.OpenApi;
using CommitmentTracker.ServiceDefaults.OpenApi;

namespace CommitmentTracker.Platform.Tests.OpenApi;

public sealed class OpenApiDocumentMergerTests
{
    private static ServiceOpenApiDocument ActionPlans() => new("actionplans", Parse("""
        {
          "openapi": "3.1.1",
          "info": { "title": "Commitment Tracker API (actionplans)", "version": "1.0.0" },
          "security": [ { "ApiKey": [] } ],
          "paths": {
            "/api/commitments/{id}": { "get": { "tags": ["Commitments"], "summary": "Get one commitment",
              "responses": { "200": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/CommitmentResponse" } } } },
                             "404": { "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/ProblemDetails" } } } } } } }
          },
          "components": {
            "schemas": {
              "CommitmentResponse": { "type": "object", "properties": { "id": { "type": "string" }, "status": { "$ref": "#/components/schemas/Status" } } },
              "Status": { "type": "string", "enum": ["added", "removed"] },
              "ProblemDetails": { "type": "object", "properties": { "title": { "type": "string" } } }
            },
            "securitySchemes": { "ApiKey": { "type": "apiKey", "in": "header", "name": "X-Api-Key" } }
          },
          "tags": [ { "name": "Commitments" } ]
        }
        """));

    private static ServiceOpenApiDocument Tagging() => new("tagging", Parse("""
        {
          "openapi": "3.1.1",
          "info": { "title": "Commitment Tracker API (tagging)", "version": "1.0.0" },
          "security": [ { "ApiKey": [] } ],
          "paths": {
            "/api/tags": { "get": { "tags": ["Tags"], "summary": "List tags",
              "responses": { "200": { "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Status" } } } } } } } },
            "/api/commitments/{id}/tags": { "post": { "tags": ["Tags"], "summary": "Tag a commitment",
              "responses": { "201": { "description": "Created" } } } }
          },
          "components": {
            "schemas": {
              "Status": { "type": "object", "properties": { "confirmed": { "type": "boolean" } } },
              "ProblemDetails": { "type": "object", "properties": { "title": { "type": "string" } } }
            },
            "securitySchemes": { "ApiKey": { "type": "apiKey", "in": "header", "name": "X-Api-Key" } }
          },
          "tags": [ { "name": "Tags" }, { "name": "Commitments" } ]
        }
        """));

    [Fact]
    public void Paths_tags_schemas_and_security_of_every_service_end_up_in_one_document()
    {
        var merged = OpenApiDocumentMerger.Merge([ActionPlans(), Tagging()], "Commitment Tracker API", "all of it").Document;

        Assert.Equal(["/api/commitments/{id}", "/api/tags", "/api/commitments/{id}/tags"], merged["paths"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["Commitments", "Tags"], merged["tags"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
        Assert.Equal("Commitment Tracker API", merged["info"]!["title"]!.GetValue<string>());
        Assert.Equal("all of it", merged["info"]!["description"]!.GetValue<string>());
        Assert.Equal("X-Api-Key", merged["components"]!["securitySchemes"]!["ApiKey"]!["name"]!.GetValue<string>());
        Assert.Single(merged["security"]!.AsArray());
    }

    [Fact]
    public void Identical_schemas_are_kept_once_and_a_clash_is_renamed_in_the_later_service_with_its_references()
    {
        var result = OpenApiDocumentMerger.Merge([ActionPlans(), Tagging()], "t", "d");
        var schemas = result.Document["components"]!["schemas"]!.AsObject();

        Assert.Equal(["CommitmentResponse", "Status", "ProblemDetails", "TaggingStatus"], schemas.Select(s => s.Key));
        Assert.Equal("string", schemas["Status"]!["type"]!.GetValue<string>());
        Assert.Equal("object", schemas["TaggingStatus"]!["type"]!.GetValue<string>());
        // The tagging operation now points at its own, renamed schema; the actionplans one still at the original.
        var tagsItems = result.Document["paths"]!["/api/tags"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["items"]!;
        Assert.Equal("#/components/schemas/TaggingStatus", tagsItems["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/Status", schemas["CommitmentResponse"]!["properties"]!["status"]!["$ref"]!.GetValue<string>());
        Assert.Equal(["tagging: schemas/Status -> TaggingStatus"], result.RenamedComponents);
    }

    [Fact]
    public void The_result_does_not_depend_on_the_order_the_documents_arrive_in()
    {
        var forward = OpenApiDocumentMerger.Merge([ActionPlans(), Tagging()], "t", "d").Document.ToJsonString();
        var backward = OpenApiDocumentMerger.Merge([Tagging(), ActionPlans()], "t", "d").Document.ToJsonString();

        Assert.Equal(forward, backward);
    }

    [Fact]
    public void An_operation_two_services_declare_is_kept_from_the_first_and_reported()
    {
        // "webhooks" sorts after "tagging", so tagging is first whatever the order given.
        var second = new ServiceOpenApiDocument("webhooks", Parse("""
            { "paths": { "/api/tags": { "get": { "summary": "Another list of tags", "responses": {} } } } }
            """));

        var result = OpenApiDocumentMerger.Merge([second, ActionPlans(), Tagging()], "t", "d");

        Assert.Equal("List tags", result.Document["paths"]!["/api/tags"]!["get"]!["summary"]!.GetValue<string>());
        Assert.Equal(["GET /api/tags (webhooks)"], result.DuplicateOperations);
    }

    [Fact]
    public void A_renamed_name_that_is_taken_gets_a_number_and_the_inputs_are_left_untouched()
    {
        var actionPlans = ActionPlans();
        var taken = new ServiceOpenApiDocument("tagging", Parse("""
            { "components": { "schemas": {
                "Status": { "type": "integer" },
                "TaggingStatus": { "type": "boolean" } } },
              "paths": { "/api/x": { "get": { "responses": { "200": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Status" } } } } } } } } }
            """));
        var before = taken.Document.ToJsonString();

        var result = OpenApiDocumentMerger.Merge([actionPlans, taken], "t", "d");

        var schemas = result.Document["components"]!["schemas"]!.AsObject();
        Assert.Equal("integer", schemas["TaggingStatus2"]!["type"]!.GetValue<string>());
        Assert.Equal("boolean", schemas["TaggingStatus"]!["type"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/TaggingStatus2", result.Document["paths"]!["/api/x"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>());
        Assert.Equal(before, taken.Document.ToJsonString());
    }

    [Theory]
    [InlineData("actionplans", "Actionplans")]
    [InlineData("action-plans", "ActionPlans")]
    [InlineData("open_contracting.v2", "OpenContractingV2")]
    public void Prefixes_are_pascal_case_cluster_ids(string service, string prefix) =>
        Assert.Equal(prefix, OpenApiDocumentMerger.Prefix(service));

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
