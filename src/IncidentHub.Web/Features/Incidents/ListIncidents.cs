using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Severity = IncidentHub.Domain.Severity;

namespace IncidentHub.Web.Features.Incidents;

public enum IncidentStatus
{
    Open,
    Closed,
}

public enum IncidentSort
{
    /// <summary>Newest first, by declared time (creation time for drafts).</summary>
    Declared,

    /// <summary>Most severe first (S1 … S4, Unknown, none), then newest first.</summary>
    Severity,

    /// <summary>Open incidents first, then closed and dismissed ones, each newest first: what a person wants to see.</summary>
    Open,
}

public sealed record IncidentListItem(
    long Number,
    string Title,
    Phase Phase,
    Severity? Severity,
    IncidentSource? Source,
    IReadOnlyList<string> Services,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeclaredAt,
    DateTimeOffset? MitigatedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset UpdatedAt,
    IncidentRolesView Roles)
{
    public string Reference => Incident.FormatNumber(Number);
}

/// <summary>Incidents, filtered and sorted, one keyset page at a time.</summary>
public sealed record ListIncidents : IQuery<Page<IncidentListItem>>
{
    public string? Phase { get; init; }

    public string? Status { get; init; }

    public string? Severity { get; init; }

    public string? Service { get; init; }

    public string? Q { get; init; }

    public string? Sort { get; init; }

    public string? Cursor { get; init; }

    public int? Limit { get; init; }
}

public sealed class ListIncidentsValidator : AbstractValidator<ListIncidents>
{
    public ListIncidentsValidator()
    {
        RuleFor(query => query.Phase).IsEnumName<ListIncidents, Phase>();
        RuleFor(query => query.Status).IsEnumName<ListIncidents, IncidentStatus>();
        RuleFor(query => query.Severity).IsEnumName<ListIncidents, Severity>();
        RuleFor(query => query.Sort).IsEnumName<ListIncidents, IncidentSort>();
        RuleFor(query => query.Service).MaximumLength(NewIncident.ServiceMaxLength).StorableText();
        RuleFor(query => query.Q).MaximumLength(200).StorableText();
        RuleFor(query => query.Cursor).ValidCursor(query =>
            EnumText.TryParse<IncidentSort>(query.Sort, out var sort) && sort is IncidentSort.Severity or IncidentSort.Open
                ? [CursorPart.Rank, CursorPart.Ticks, CursorPart.Number]
                : [CursorPart.Ticks, CursorPart.Number]);
        RuleFor(query => query.Limit).ValidLimit();
    }
}

public sealed class ListIncidentsHandler(IncidentHubDbContext db) : IQueryHandler<ListIncidents, Page<IncidentListItem>>
{
    private sealed record Holder(IncidentRole Role, RoleHolderView View);

    private sealed record Row(IncidentListItem Item, List<Holder> Holders, DateTimeOffset ListedAt, int Rank);

    public async ValueTask<Page<IncidentListItem>> Handle(ListIncidents query, CancellationToken cancellationToken)
    {
        var limit = query.Limit ?? Cursor.DefaultLimit;
        var sort = EnumText.Parse<IncidentSort>(query.Sort) ?? IncidentSort.Declared;
        var incidents = Filter(db.Incidents.AsNoTracking(), query);

        var rankColumn = sort == IncidentSort.Open ? IncidentColumns.OpenRank : IncidentColumns.SeverityRank;
        incidents = sort == IncidentSort.Declared
            ? AfterByDeclared(incidents, query.Cursor)
                .OrderByDescending(incident => EF.Property<DateTimeOffset>(incident, IncidentColumns.ListedAt))
                .ThenByDescending(incident => incident.Number)
            : AfterByRank(incidents, rankColumn, query.Cursor)
                .OrderBy(incident => EF.Property<int>(incident, rankColumn))
                .ThenByDescending(incident => EF.Property<DateTimeOffset>(incident, IncidentColumns.ListedAt))
                .ThenByDescending(incident => incident.Number);

        var rows = await incidents.Take(limit + 1).Select(incident => new Row(
            new IncidentListItem(
                incident.Number, incident.Title, incident.Phase, incident.Severity, incident.Source, incident.Services,
                incident.CreatedAt, incident.DeclaredAt, incident.MitigatedAt, incident.ResolvedAt, incident.ClosedAt, incident.UpdatedAt,
                new IncidentRolesView(null, null, null)),
            // All current holders in one join, answered from an index for each incident of the page. (A
            // FirstOrDefault per role translated to ROW_NUMBER() over every current holder of that role in
            // the whole table, three times per request.) ix_role_assignments_current_holder allows one per role.
            incident.RoleAssignments.Where(held => held.Until == null)
                .Select(held => new Holder(held.Role, new RoleHolderView(held.PersonId, held.PersonName, held.From)))
                .ToList(),
            EF.Property<DateTimeOffset>(incident, IncidentColumns.ListedAt),
            EF.Property<int>(incident, rankColumn)))
            .ToListAsync(cancellationToken);

        var page = Page<Row>.From(rows, limit, row => sort == IncidentSort.Declared
            ? Cursor.Encode(row.ListedAt.UtcTicks, row.Item.Number)
            : Cursor.Encode(row.Rank, row.ListedAt.UtcTicks, row.Item.Number));
        return new Page<IncidentListItem>([.. page.Items.Select(row => row.Item with { Roles = RolesOf(row.Holders) })], page.NextCursor);
    }

    private static IncidentRolesView RolesOf(List<Holder> holders) => new(
        holders.Find(held => held.Role == IncidentRole.IncidentManager)?.View,
        holders.Find(held => held.Role == IncidentRole.EngineerOnCall)?.View,
        holders.Find(held => held.Role == IncidentRole.CommunicationsManagerOnCall)?.View);

    private static IQueryable<Incident> Filter(IQueryable<Incident> incidents, ListIncidents query)
    {
        if (EnumText.Parse<Phase>(query.Phase) is { } phase)
        {
            incidents = incidents.Where(incident => incident.Phase == phase);
        }

        incidents = EnumText.Parse<IncidentStatus>(query.Status) switch
        {
            IncidentStatus.Open => incidents.Where(incident => incident.Phase != Phase.Closed && incident.Phase != Phase.Dismissed),
            IncidentStatus.Closed => incidents.Where(incident => incident.Phase == Phase.Closed || incident.Phase == Phase.Dismissed),
            _ => incidents,
        };

        if (EnumText.Parse<Severity>(query.Severity) is { } severity)
        {
            incidents = incidents.Where(incident => incident.Severity == severity);
        }

        if (!string.IsNullOrWhiteSpace(query.Service))
        {
            var service = query.Service.Trim();
            incidents = incidents.Where(incident => incident.Services.Contains(service));
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var pattern = LikePattern.Containing(query.Q);
            incidents = incidents.Where(incident => EF.Functions.ILike(incident.Title, pattern, LikePattern.Escape)
                || (incident.Summary != null && EF.Functions.ILike(incident.Summary, pattern, LikePattern.Escape)));
        }

        return incidents;
    }

    private static IQueryable<Incident> AfterByDeclared(IQueryable<Incident> incidents, string? cursor)
    {
        if (cursor is null)
        {
            return incidents;
        }

        var parts = Cursor.Decode(cursor, 2);
        var listedAt = new DateTimeOffset(Cursor.Parse<long>(parts[0]), TimeSpan.Zero);
        var number = Cursor.Parse<long>(parts[1]);
        return incidents.Where(incident => EF.Functions.LessThan(
            ValueTuple.Create(EF.Property<DateTimeOffset>(incident, IncidentColumns.ListedAt), incident.Number),
            ValueTuple.Create(listedAt, number)));
    }

    private static IQueryable<Incident> AfterByRank(IQueryable<Incident> incidents, string rankColumn, string? cursor)
    {
        if (cursor is null)
        {
            return incidents;
        }

        var parts = Cursor.Decode(cursor, 3);
        var rank = Cursor.Parse<int>(parts[0]);
        var listedAt = new DateTimeOffset(Cursor.Parse<long>(parts[1]), TimeSpan.Zero);
        var number = Cursor.Parse<long>(parts[2]);
        return incidents.Where(incident => EF.Property<int>(incident, rankColumn) > rank
            || (EF.Property<int>(incident, rankColumn) == rank && EF.Functions.LessThan(
                ValueTuple.Create(EF.Property<DateTimeOffset>(incident, IncidentColumns.ListedAt), incident.Number),
                ValueTuple.Create(listedAt, number))));
    }
}
