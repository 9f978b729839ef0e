using Workshops.Contracts;
using Workshops.Grains;
using Workshops.Reports;
using Workshops.Server.Auth;

namespace Workshops.Server.Api;

/// <summary>Events and workshops over HTTP (PROTOCOL.md section 2).</summary>
internal static class EventEndpoints
{
    public static void MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/events", CreateEvent).RequireAuthorization();
        app.MapGet("/api/events/{eventId}", GetEvent).RequireAuthorization();
        app.MapGet("/api/events/by-code/{code}", GetByCode).AllowAnonymous();
        app.MapGet("/api/events/{eventId}/export", ExportEvent).RequireAuthorization();
        app.MapGet("/api/workshops/{workshopId}", GetWorkshop).RequireAuthorization();
        app.MapGet("/api/workshops/{workshopId}/export", ExportWorkshop).RequireAuthorization();
    }

    private static async Task<IResult> CreateEvent(EventProgram? program, HttpContext http, IGrainFactory grains)
    {
        var caller = http.User.RequireCaller();
        if (caller.Role != Role.Admin)
        {
            return Problems.From(ErrorCodes.Forbidden, "only an admin creates events");
        }

        if (program is null)
        {
            return Problems.From(ErrorCodes.InvalidInput, "the body must be an event program");
        }

        var created = await grains.GetGrain<IEventGrain>("e" + Secrets.NewId(9)).Create(program);
        return TypedResults.Created("/api/events/" + created.EventId, created);
    }

    private static async Task<IResult> GetEvent(string eventId, HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IEventGrain>(eventId).GetSummary(http.User.RequireCaller()));

    private static async Task<IResult> GetByCode(string code, HttpContext http, IGrainFactory grains, JoinGuard guard)
    {
        var address = ClientAddress.Of(http);
        if (!guard.TryEnter(address))
        {
            return Problems.From(ErrorCodes.RateLimited, "too many attempts from this address; wait a minute");
        }

        var eventId = await grains.GetGrain<IJoinCodeGrain>(Secrets.NormalizeJoinCode(code)).GetEventId();
        if (eventId is null)
        {
            guard.WrongCode(address);
            return Problems.From(ErrorCodes.NotFound, "no event has this join code");
        }

        return TypedResults.Ok(await grains.GetGrain<IEventGrain>(eventId).GetPublicInfo());
    }

    private static async Task<IResult> GetWorkshop(string workshopId, HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IWorkshopGrain>(workshopId).GetSnapshot(http.User.RequireCaller()));

    private static async Task<IResult> ExportEvent(string eventId, string? format, HttpContext http, IGrainFactory grains)
    {
        var caller = http.User.RequireCaller();
        if (!ReportFormats.TryParse(format ?? "json", out var parsed))
        {
            return Problems.From(ErrorCodes.InvalidInput, "format is one of json, md, csv, docx, pptx");
        }

        var grain = grains.GetGrain<IEventGrain>(eventId);
        var export = await grain.GetExport(caller);
        var summary = await grain.GetSummary(caller);
        return Download(ReportWriter.Write(export, parsed, summary.Language));
    }

    private static async Task<IResult> ExportWorkshop(string workshopId, string? format, HttpContext http, IGrainFactory grains, TimeProvider clock)
    {
        var caller = http.User.RequireCaller();
        if (!ReportFormats.TryParse(format ?? "json", out var parsed))
        {
            return Problems.From(ErrorCodes.InvalidInput, "format is one of json, md, csv, docx, pptx");
        }

        var workshop = await grains.GetGrain<IWorkshopGrain>(workshopId).GetExport(caller);
        var snapshot = await grains.GetGrain<IWorkshopGrain>(workshopId).GetSnapshot(caller);
        var eventGrain = grains.GetGrain<IEventGrain>(snapshot.EventId);
        var summary = await eventGrain.GetSummary(caller);

        // One workshop's report has the event's shape, with that workshop alone.
        var export = new EventExport
        {
            EventId = summary.EventId,
            Title = summary.Title,
            Date = summary.Date,
            Venue = summary.Venue,
            ExportedAt = clock.GetUtcNow(),
            Participants = workshop.Participants,
            Workshops = [workshop],
            GroupSource = await eventGrain.GetGroupSource(caller, workshop.ParticipantIds),

            // The event's purges erased this workshop's authors too (section 11).
            Audit = await eventGrain.GetPurgeAudit(caller),
        };
        return Download(ReportWriter.Write(export, parsed, summary.Language));
    }

    private static Microsoft.AspNetCore.Http.HttpResults.FileContentHttpResult Download(Report report) => TypedResults.File(report.Content, report.ContentType, report.FileName);
}
