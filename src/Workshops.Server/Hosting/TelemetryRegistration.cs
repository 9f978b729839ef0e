using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Workshops.Grains;

namespace Workshops.Server.Hosting;

/// <summary>
/// Metrics and traces. The <c>Workshops</c> meter (votes, ideas, write batch sizes, connected
/// people) always exists, so that dotnet-counters can read it; the OpenTelemetry pipeline,
/// with ASP.NET Core, SignalR and Orleans, is switched on by naming an OTLP endpoint:
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (with the other standard OTEL_* variables) or
/// <c>Workshops:Otlp:Endpoint</c> (+ <c>Workshops:Otlp:Protocol</c> grpc | http/protobuf).
/// Without one nothing is collected: a laptop in a hall pays nothing for it.
/// </summary>
public static class TelemetryRegistration
{
    public const string OtlpSection = "Workshops:Otlp";

    /// <summary>The meters exported besides ASP.NET Core's own (hosting, Kestrel, routing).</summary>
    internal static readonly string[] Meters =
    [
        WorkshopsMetrics.MeterName,
        "Microsoft.Orleans",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.SignalR",
        "System.Net.Http",
    ];

    /// <summary>The activity sources traced besides ASP.NET Core's requests.</summary>
    internal static readonly string[] Sources =
    [
        "Microsoft.AspNetCore.SignalR.Server",
        "Microsoft.Orleans.Runtime",
        "Microsoft.Orleans.Application",
        "Microsoft.Orleans.Storage",
        "Microsoft.Orleans.Lifecycle",
    ];

    public static WebApplicationBuilder AddWorkshopsTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHostedService<ServerMetrics>();

        var endpoint = builder.Configuration[OtlpSection + ":Endpoint"];
        var standardEndpoint = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint) && string.IsNullOrWhiteSpace(standardEndpoint))
        {
            return builder;
        }

        // Grain calls become spans of the request or hub call that made them.
        builder.UseOrleans(silo => silo.AddActivityPropagation());
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                serviceName: builder.Configuration["OTEL_SERVICE_NAME"] ?? "workshops",
                serviceVersion: typeof(TelemetryRegistration).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter(Meters))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http.Request.Path))
                .AddSource(Sources));

        if (string.IsNullOrWhiteSpace(endpoint))
        {
            // Endpoint, protocol, headers and intervals from the standard OTEL_* variables.
            otel.UseOtlpExporter();
        }
        else
        {
            var protocol = string.Equals(builder.Configuration[OtlpSection + ":Protocol"], "http/protobuf", StringComparison.OrdinalIgnoreCase)
                ? OtlpExportProtocol.HttpProtobuf
                : OtlpExportProtocol.Grpc;
            otel.UseOtlpExporter(protocol, new Uri(endpoint, UriKind.Absolute));
        }

        return builder;
    }

    // Probes every few seconds from a load balancer or Kubernetes would drown the traces.
    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/healthz", StringComparison.Ordinal)
        || path.StartsWithSegments("/readyz", StringComparison.Ordinal)
        || path.StartsWithSegments("/livez", StringComparison.Ordinal);
}
