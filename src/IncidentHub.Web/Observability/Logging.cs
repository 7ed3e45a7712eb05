using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace IncidentHub.Web.Observability;

public static class Logging
{
    /// <summary>Set by an operator command (see Operators/) for the host it runs in.</summary>
    public const string CommandModeKey = "IncidentHub:Logging:CommandMode";

    /// <summary>
    /// Readable lines for a developer's console; one compact JSON object per line everywhere else, for log collectors.
    /// </summary>
    public static void Configure(HostBuilderContext context, LoggerConfiguration logger)
    {
        logger.ReadFrom.Configuration(context.Configuration)
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .Enrich.FromLogContext();
        if (context.Configuration.GetValue(CommandModeKey, false))
        {
            // Standard output belongs to what a script reads (a token, an id): the log goes to standard error,
            // warnings and the security events only (e.g. "API token … created"), as plain lines. A database
            // error reaches the command, which says it in one line: EF Core need not say it first.
            logger.MinimumLevel.Warning()
                .MinimumLevel.Override("IncidentHub.Security", LogEventLevel.Information)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Fatal)
                .WriteTo.Console(
                    outputTemplate: "{Message:lj}{NewLine}{Exception}",
                    standardErrorFromLevel: LogEventLevel.Verbose,
                    formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (context.HostingEnvironment.IsDevelopment())
        {
            logger.WriteTo.Console(
                outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {TraceId} {SpanId}{NewLine}{Exception}",
                formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            logger.WriteTo.Console(new CompactJsonFormatter());
        }
    }

    public static void ConfigureRequestLogging(Serilog.AspNetCore.RequestLoggingOptions options)
    {
        options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
        // A scraper's request every few seconds is not news.
        options.GetLevel = (http, _, exception) => exception is not null ? LogEventLevel.Error
            : http.Response.StatusCode == StatusCodes.Status503ServiceUnavailable ? LogEventLevel.Warning
            : http.Response.StatusCode >= 500 ? LogEventLevel.Error
            : http.Request.Path.StartsWithSegments(Telemetry.MetricsPath) ? LogEventLevel.Debug
            : LogEventLevel.Information;
    }
}
