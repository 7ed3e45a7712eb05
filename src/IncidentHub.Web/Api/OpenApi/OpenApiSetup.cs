using IncidentHub.Web.Http;
using Microsoft.AspNetCore.OpenApi;

namespace IncidentHub.Web.Api.OpenApi;

public static class OpenApiSetup
{
    /// <summary>
    /// The document at /openapi/v1.json: the limits the validators enforce, the error answers, headers and paging
    /// each operation really has, and the Bearer scheme; linted in the tests (see OpenApiLint/).
    /// </summary>
    public static void AddIncidentHubOpenApi(this IServiceCollection services)
    {
        services.AddSingleton(ValidatorLimits.From);
        services.AddOpenApi(options => options
            .WithInlinePartialUpdateFields()
            .AddDocumentTransformer<ApiDocument>().AddDocumentTransformer<OpenApiBearer>()
            .AddOperationTransformer<ApiOperations>()
            .AddSchemaTransformer<EnumNamesSchema>().AddSchemaTransformer<ApiSchemas>());
    }

    /// <summary>
    /// A partial update's fields are described in place, each with its own limits: as one shared component
    /// ("OptionalOfstring") the limits of every text field of every partial update would land on one schema.
    /// </summary>
    private static OpenApiOptions WithInlinePartialUpdateFields(this OpenApiOptions options)
    {
        options.CreateSchemaReferenceId = type => ApiSchemas.OptionalValueType(type.Type) is null
            ? OpenApiOptions.CreateDefaultSchemaReferenceId(type)
            : null;
        return options;
    }
}
