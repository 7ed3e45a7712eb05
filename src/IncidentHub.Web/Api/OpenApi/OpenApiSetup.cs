using IncidentHub.Web.Http;

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
            .AddDocumentTransformer<ApiDocument>().AddDocumentTransformer<OpenApiBearer>()
            .AddOperationTransformer<ApiOperations>()
            .AddSchemaTransformer<EnumNamesSchema>().AddSchemaTransformer<ApiSchemas>());
    }
}
