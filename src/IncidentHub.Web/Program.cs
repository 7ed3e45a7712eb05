using System.Diagnostics;
using FluentValidation;
using IncidentHub.Web.Api;
using IncidentHub.Web.Data;
using IncidentHub.Web.Features.Incidents;
using IncidentHub.Web.Infrastructure;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Scalar.AspNetCore;
using Serilog;

var builder = WebApplication.CreateBuilder(args);

builder.Host.UseSerilog(Logging.Configure);

var connectionString = builder.Configuration.GetConnectionString("IncidentHub")
    ?? throw new InvalidOperationException("Set ConnectionStrings:IncidentHub (or the environment variable ConnectionStrings__IncidentHub).");
builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
builder.Services.AddDbContextPool<IncidentHubDbContext>((services, options) => options
    .UseNpgsql(services.GetRequiredService<NpgsqlDataSource>())
    .UseSnakeCaseNamingConvention());

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddMediator(options =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.PipelineBehaviors = [typeof(ValidationBehavior<,>), typeof(TransactionBehavior<,>)];
});
builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton, includeInternalTypes: true);
builder.Services.AddScoped<IncidentChanges>();
builder.Services.Configure<DefaultActorOptions>(builder.Configuration.GetSection(DefaultActorOptions.Section));
builder.Services.AddScoped<ICurrentUser, ConfiguredDefaultUser>();
builder.Services.AddHostedService<IdempotencyKeyCleanup>();

builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
    context.ProblemDetails.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier);
builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
builder.Services.ConfigureHttpJsonOptions(options => Json.Configure(options.SerializerOptions));
// Binding failures throw, so that one handler turns them into per-field problem details.
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
builder.Services.AddOpenApi(options => options.AddSchemaTransformer<EnumNamesSchema>());

var app = builder.Build();

await Startup.PrepareDatabaseAsync(app);

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSerilogRequestLogging(Logging.ConfigureRequestLogging);
app.UseWhen(
    context => context.Request.Path.StartsWithSegments("/api"),
    api => api.UseMiddleware<IdempotencyMiddleware>().UseExceptionHandler());

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
app.MapOpenApi();
app.MapScalarApiReference();

var api = app.MapGroup("/api/v1");
api.MapIncidentEndpoints();
api.MapIncidentActivityEndpoints();
api.MapCorrectiveActionEndpoints();
api.MapPeopleEndpoints();

app.Run();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
