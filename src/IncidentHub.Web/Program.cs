using System.Diagnostics;
using FluentValidation;
using IncidentHub.Web;
using IncidentHub.Web.Api;
using IncidentHub.Web.Api.OpenApi;
using IncidentHub.Web.Data;
using IncidentHub.Web.Features.Incidents;
using IncidentHub.Web.Features.Ingestion;
using IncidentHub.Web.Features.Insights;
using IncidentHub.Web.Features.Reviews;
using IncidentHub.Web.Http;
using IncidentHub.Web.Live;
using IncidentHub.Web.Observability;
using IncidentHub.Web.Operators;
using IncidentHub.Web.Pipeline;
using IncidentHub.Web.Security;
using IncidentHub.Web.StatusPage;
using IncidentHub.Web.Webhooks;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Scalar.AspNetCore;
using Serilog;

// Operator commands (migrate, accounts create, tokens create) do one thing against the database and exit:
// see Operators/.
var command = OperatorCommand.Parse(args);
if (command is Usage usage)
{
    return usage.Show();
}

var builder = WebApplication.CreateBuilder(command is null ? args : []);

builder.Host.UseSerilog(Logging.Configure);
builder.UseBuiltStaticAssets();

if (builder.Configuration.GetConnectionString(DatabaseSetup.ConnectionStringName)
    is not { Length: > 0 } connectionString)
{
    await Console.Error.WriteLineAsync(
        "IncidentHub cannot start: set ConnectionStrings:IncidentHub (or the environment variable " +
        "ConnectionStrings__IncidentHub).");
    return 1;
}

builder.AddIncidentHubDatabase(connectionString);
builder.Services.AddSingleton(_ => new IncidentOpenings(IncidentOpenings.BuildDataSource(connectionString)));
builder.Services.AddSingleton<DeliveryCopies>();

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddMediator(options =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.PipelineBehaviors =
    [
        typeof(AuthorizationBehavior<,>),
        typeof(ValidationBehavior<,>),
        typeof(ForgetCachedTokensBehavior<,>),
        typeof(RefreshStatusPageBehavior<,>),
        typeof(TransactionBehavior<,>),
    ];
});
builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton, includeInternalTypes: true);
builder.Services.AddScoped<IncidentChanges>();
builder.Services.AddOptions<ReviewOptions>().Bind(builder.Configuration.GetSection(ReviewOptions.Section))
    .Validate(options => options.DueDays is >= 1 and <= 365, $"{ReviewOptions.Section}:DueDays must be 1 to 365.")
    .ValidateOnStart();
builder.Services.AddHostedService<IdempotencyKeyCleanup>();
builder.Services.AddSingleton<IncidentChangeFeed>();
builder.Services.AddSingleton<StatusPageCache>();
builder.Services.AddOptions<InsightOptions>().Bind(builder.Configuration.GetSection(InsightOptions.Section))
    .Validate(options => options.CacheMegabytes is >= 0 and <= 65536, $"{InsightOptions.Section}:CacheMegabytes must be 0 to 65536.")
    .ValidateOnStart();
builder.Services.AddSingleton<InsightMonthCache>();
builder.Services.AddHostedService<InsightCompaction>();
builder.Services.AddSingleton<ApiTokenCache>();
builder.Services.AddSingleton<AlertSourceCache>();
builder.Services.AddSingleton<ICredentialCache>(services => services.GetRequiredService<ApiTokenCache>());
builder.Services.AddSingleton<ICredentialCache>(services => services.GetRequiredService<AlertSourceCache>());
builder.Services.AddHostedService<DatabaseNotifications>();
builder.Services.AddIncidentHubWebhooks();
builder.Services.AddIncidentHubSecurity(builder.Configuration, builder.Environment);

// Before AddProblemDetails, so that it is the writer used: the API answers problem details whatever Accept says.
builder.Services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
    context.ProblemDetails.Extensions["traceId"] = Activity.Current?.TraceId.ToString()
        ?? context.HttpContext.TraceIdentifier);
builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
builder.Services.ConfigureHttpJsonOptions(options => Json.Configure(options.SerializerOptions));
// Binding failures throw, so that one handler turns them into per-field problem details.
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.AddPageCompression();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
builder.Services.AddIncidentHubOpenApi();
builder.Services.AddRazorPages(options =>
{
    options.Conventions.AllowAnonymousToPage("/SignIn");
    options.Conventions.AllowAnonymousToPage("/Setup");
    options.Conventions.AllowAnonymousToPage("/Error");
    options.Conventions.AuthorizeFolder("/Admin", SecuritySetup.AdminPolicy);
});
builder.AddIncidentHubTelemetry();

command?.Prepare(builder);
var app = builder.Build();
if (command is not null)
{
    return await command.RunAsync(app);
}

ForwardedHeadersOptions? forwardedHeaders;
try
{
    forwardedHeaders = ReverseProxy.ReadOptions(app.Configuration);
    app.Services.GetRequiredService<WebhookNetworkPolicy>();
    await DatabaseStartup.PrepareDatabaseAsync(app);
}
catch (StartupException failure)
{
    // One line that says what to do; a stack trace would bury it.
    app.Logger.LogCritical("IncidentHub cannot start: {Reason}", failure.Message);
    await Log.CloseAndFlushAsync();
    return 1;
}

app.UseMiddleware<LastChanceErrors>();
if (forwardedHeaders is not null)
{
    app.UseForwardedHeaders(forwardedHeaders);
}

// Outside the exception handler, so that each request is logged once with the status it was answered (a refused
// change as its 409, an outage as its 503), not as the exception that passed by.
app.UseSerilogRequestLogging(Logging.ConfigureRequestLogging);

app.UseExceptionHandler(new ExceptionHandlerOptions
{
    ExceptionHandlingPath = "/error",
    StatusCodeSelector = exception =>
        ProblemDetailsExceptionHandler.ToProblem(exception).Status ?? StatusCodes.Status500InternalServerError,
});
app.UseWhen(context => IsApi(context.Request), api => api.UseStatusCodePages());
app.UseWhen(
    context => !IsApi(context.Request), pages => pages.UseStatusCodePagesWithReExecute("/error", "?status={0}"));
app.UseMiddleware<SecurityHeaders>();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UsePageCompression();
app.UseStatusPageHost(app.Configuration["IncidentHub:StatusPage:Host"]);
app.UseRouting();
app.UseIncidentHubMetrics();
if (!app.Environment.IsDevelopment())
{
    app.UseMiddleware<HttpsRequired>();
    HttpsRequired.WarnAtStartup(app, forwardedHeaders is not null);
}

app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.UseWhen(context => IsApi(context.Request), api => api.UseMiddleware<IdempotencyMiddleware>().UseExceptionHandler());

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") })
    .AllowAnonymous();
app.MapIncidentHubMetrics();
var reference = new[] { app.MapOpenApi(), app.MapScalarApiReference(ApiReference.ForClosedNetworks) };
if (app.Environment.IsDevelopment())
{
    // Elsewhere the fallback policy applies: the API reference needs a signed-in user.
    Array.ForEach(reference, endpoints => endpoints.AllowAnonymous());
}

var api = app.MapGroup("/api/v1").ProducesApiProblems();
api.MapIncidentEndpoints();
api.MapIncidentActivityEndpoints();
api.MapCorrectiveActionEndpoints();
api.MapAlertEndpoints();
api.MapPeopleEndpoints();
api.MapServiceEndpoints();
api.MapStatusPageSettingsEndpoints();
api.MapAccountEndpoints();
api.MapAlertSourceEndpoints();
api.MapIngestEndpoints();
api.MapWebhookEndpoints();
api.MapInsightsEndpoints();
api.MapReviewEndpoints();
api.MapPreparationEndpoints();
app.MapLiveEndpoints();
app.MapStatusPage();
// Build-time compressed, fingerprinted CSS and JS (cached for a year) and the icons; the sign-in page needs them too.
app.MapStaticAssets().AllowAnonymous();
app.MapRazorPages().WithStaticAssets();

await app.RunAsync();
return 0;

static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
