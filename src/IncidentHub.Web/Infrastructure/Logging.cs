using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace IncidentHub.Web.Infrastructure;

public static class Logging
{
    /// <summary>Readable lines for a developer's console; one compact JSON object per line everywhere else, for log collectors.</summary>
    public static void Configure(HostBuilderContext context, LoggerConfiguration logger)
    {
        logger.ReadFrom.Configuration(context.Configuration)
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .Enrich.FromLogContext();
        if (context.HostingEnvironment.IsDevelopment())
        {
            logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {TraceId}{NewLine}{Exception}", formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            logger.WriteTo.Console(new CompactJsonFormatter());
        }
    }

    public static void ConfigureRequestLogging(Serilog.AspNetCore.RequestLoggingOptions options)
    {
        options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
        options.GetLevel = (http, _, exception) => exception is not null || http.Response.StatusCode >= 500
            ? LogEventLevel.Error
            : LogEventLevel.Information;
    }
}
