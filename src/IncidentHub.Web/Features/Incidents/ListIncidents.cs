using System.Linq.Expressions;
using FluentValidation;
using IncidentHub.Domain;
using IncidentHub.Web.Data;
using IncidentHub.Web.Http;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
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

    /// <summary>
    /// Open incidents first, then closed and dismissed ones, each newest first: what a person wants to see.
    /// </summary>
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
    IncidentRolesView Roles,
    DateTimeOffset? NextExternalUpdateDueAt)
{
    public string Reference => Incident.FormatNumber(Number);

    public bool ExternalUpdateOverdue { get; init; }
}

/// <summary>Incidents, filtered and sorted, one keyset page at a time.</summary>
public sealed record ListIncidents : IQuery<Page<IncidentListItem>>
{
    public string? Phase { get; init; }

    public string? Status { get; init; }

    public string? Severity { get; init; }

    public string? Service { get; init; }

    public string? Q { get; init; }

    /// <summary><c>true</c>: only incidents whose external update is overdue; <c>false</c>: only the others.</summary>
    public string? Overdue { get; init; }

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
        RuleFor(query => query.Overdue).MaximumLength(5).Must(value => value is null || bool.TryParse(value, out _))
            .WithMessage("Use true (only incidents owing customers an update) or false.");
        RuleFor(query => query.Cursor).ValidCursor(query =>
            EnumText.TryParse<IncidentSort>(query.Sort, out var sort)
                && sort is IncidentSort.Severity or IncidentSort.Open
                ? [CursorPart.Rank, CursorPart.Ticks, CursorPart.Number]
                : [CursorPart.Ticks, CursorPart.Number]);
        RuleFor(query => query.Limit).ValidLimit();
    }
}

public sealed class ListIncidentsHandler(IncidentHubDbContext db, TimeProvider clock)
    : IQueryHandler<ListIncidents, Page<IncidentListItem>>
{
    private sealed record Row(IncidentListItem Item, DateTimeOffset ListedAt, int SeverityRank, int OpenRank);

    /// <summary>
    /// The list is the busiest query, so it runs as a compiled query: building and translating its LINQ
    /// expression anew took about a third of the app's CPU per request (docs/benchmarks.md). A filter the
    /// request leaves out is passed as null, and EF Core drops its <c>@p IS NULL OR …</c> from the SQL by the
    /// parameter's value, so each combination of filters still gets SQL that the list indexes answer.
    /// </summary>
    private delegate IAsyncEnumerable<Row> ListQuery(
        IncidentHubDbContext db, Phase? phase, bool? onlyOpen, bool? onlyClosed, Severity? severity, string? service,
        string? pattern, DateTimeOffset? overdueAt, DateTimeOffset? notOverdueAt, int? afterRank,
        DateTimeOffset? afterListedAt, long? afterNumber, int take);

    private static readonly Expression<
            Func<Incident, Phase?, bool?, bool?, Severity?, string?, string?, DateTimeOffset?, DateTimeOffset?, bool>>
        Matches = (incident, phase, onlyOpen, onlyClosed, severity, service, pattern, overdueAt, notOverdueAt) =>
            (phase == null || incident.Phase == phase)
            && (onlyOpen == null || (incident.Phase != Phase.Closed && incident.Phase != Phase.Dismissed))
            && (onlyClosed == null || incident.Phase == Phase.Closed || incident.Phase == Phase.Dismissed)
            && (severity == null || incident.Severity == severity)
            && (service == null || incident.Services.Contains(service))
            && (pattern == null
                || EF.Functions.ILike(incident.Title, pattern, LikePattern.Escape)
                || (incident.Summary != null && EF.Functions.ILike(incident.Summary, pattern, LikePattern.Escape)))
            && (overdueAt == null || incident.NextExternalUpdateDueAt < overdueAt)
            && (notOverdueAt == null
                || incident.NextExternalUpdateDueAt == null || incident.NextExternalUpdateDueAt >= notOverdueAt);

    /// <summary>
    /// The page with each role's current holder, one row per incident: a LEFT JOIN per role, which
    /// ix_role_assignments_current_holder answers with one index probe. (A collection of holders per incident
    /// cost EF Core's collection shaping half of the request's allocations; a FirstOrDefault per role
    /// translated to ROW_NUMBER() over every current holder in the table.)
    /// </summary>
    private static readonly Expression<Func<IQueryable<Incident>, IncidentHubDbContext, IQueryable<Row>>>
        WithRoleHolders = (page, db) =>
        from incident in page
        join manager in db.RoleAssignments.Where(held =>
            held.Until == null && held.Role == IncidentRole.IncidentManager)
            on incident.Id equals manager.IncidentId into managers
        from manager in managers.DefaultIfEmpty()
        join engineer in db.RoleAssignments.Where(held =>
            held.Until == null && held.Role == IncidentRole.EngineerOnCall)
            on incident.Id equals engineer.IncidentId into engineers
        from engineer in engineers.DefaultIfEmpty()
        join communications in db.RoleAssignments.Where(held =>
            held.Until == null && held.Role == IncidentRole.CommunicationsManagerOnCall)
            on incident.Id equals communications.IncidentId into communicationsManagers
        from communications in communicationsManagers.DefaultIfEmpty()
        select new Row(
            new IncidentListItem(
                incident.Number, incident.Title, incident.Phase, incident.Severity, incident.Source, incident.Services,
                incident.CreatedAt, incident.DeclaredAt, incident.MitigatedAt, incident.ResolvedAt, incident.ClosedAt,
                incident.UpdatedAt,
                new IncidentRolesView(
                    manager == null ? null : new RoleHolderView(manager.PersonId, manager.PersonName, manager.From),
                    engineer == null ? null : new RoleHolderView(engineer.PersonId, engineer.PersonName, engineer.From),
                    communications == null
                        ? null
                        : new RoleHolderView(communications.PersonId, communications.PersonName, communications.From)),
                incident.NextExternalUpdateDueAt),
            EF.Property<DateTimeOffset>(incident, IncidentColumns.ListedAt),
            EF.Property<int>(incident, IncidentColumns.SeverityRank),
            EF.Property<int>(incident, IncidentColumns.OpenRank));

    private static readonly ListQuery ByDeclared =
        Compile((incidents, afterRank, afterListedAt, afterNumber) => incidents
        .Where(incident => afterNumber == null || EF.Functions.LessThan(
            ValueTuple.Create(EF.Property<DateTimeOffset>(incident, IncidentColumns.ListedAt), incident.Number),
            ValueTuple.Create(afterListedAt!.Value, afterNumber.Value)))
        .OrderByDescending(incident => EF.Property<DateTimeOffset>(incident, IncidentColumns.ListedAt))
        .ThenByDescending(incident => incident.Number));

    private static readonly ListQuery BySeverity = CompileByRank(IncidentColumns.SeverityRank);

    private static readonly ListQuery ByOpen = CompileByRank(IncidentColumns.OpenRank);

    public async ValueTask<Page<IncidentListItem>> Handle(ListIncidents query, CancellationToken cancellationToken)
    {
        var limit = query.Limit ?? Cursor.DefaultLimit;
        var sort = EnumText.Parse<IncidentSort>(query.Sort) ?? IncidentSort.Declared;
        var status = EnumText.Parse<IncidentStatus>(query.Status);
        string[]? after = query.Cursor is null
            ? null
            : Cursor.Decode(query.Cursor, sort == IncidentSort.Declared ? 2 : 3);
        int? afterRank = sort == IncidentSort.Declared || after is null ? null : Cursor.Parse<int>(after[0]);

        var list = sort switch
        {
            IncidentSort.Severity => BySeverity,
            IncidentSort.Open => ByOpen,
            _ => ByDeclared,
        };
        var now = clock.GetUtcNow();
        bool? overdue = query.Overdue is null ? null : bool.Parse(query.Overdue);
        var rows = new List<Row>(limit + 1);
        await foreach (var row in list(
            db,
            EnumText.Parse<Phase>(query.Phase),
            status == IncidentStatus.Open ? true : null,
            status == IncidentStatus.Closed ? true : null,
            EnumText.Parse<Severity>(query.Severity),
            string.IsNullOrWhiteSpace(query.Service) ? null : query.Service.Trim(),
            string.IsNullOrWhiteSpace(query.Q) ? null : LikePattern.Containing(query.Q),
            overdue == true ? now : null,
            overdue == false ? now : null,
            afterRank,
            after is null ? null : new DateTimeOffset(Cursor.Parse<long>(after[^2]), TimeSpan.Zero),
            after is null ? null : Cursor.Parse<long>(after[^1]),
            limit + 1).WithCancellation(cancellationToken))
        {
            rows.Add(row);
        }

        var page = Page<Row>.From(rows, limit, row => sort == IncidentSort.Declared
            ? Cursor.Encode(row.ListedAt.UtcTicks, row.Item.Number)
            : Cursor.Encode(
                sort == IncidentSort.Open ? row.OpenRank : row.SeverityRank, row.ListedAt.UtcTicks, row.Item.Number));
        return new Page<IncidentListItem>(
            [.. page.Items.Select(row => row.Item with { ExternalUpdateOverdue = row.Item.NextExternalUpdateDueAt < now })],
            page.NextCursor);
    }

    private static ListQuery CompileByRank(string rankColumn) =>
        Compile((incidents, afterRank, afterListedAt, afterNumber) => incidents
        .Where(incident => afterRank == null
            || EF.Property<int>(incident, rankColumn) > afterRank
            || (EF.Property<int>(incident, rankColumn) == afterRank && EF.Functions.LessThan(
                ValueTuple.Create(EF.Property<DateTimeOffset>(incident, IncidentColumns.ListedAt), incident.Number),
                ValueTuple.Create(afterListedAt!.Value, afterNumber!.Value))))
        .OrderBy(incident => EF.Property<int>(incident, rankColumn))
        .ThenByDescending(incident => EF.Property<DateTimeOffset>(incident, IncidentColumns.ListedAt))
        .ThenByDescending(incident => incident.Number));

    /// <summary>
    /// The compiled query for one sort: the incidents <see cref="Matches"/> lets through, ordered and cut by
    /// <paramref name="order"/>, then <see cref="WithRoleHolders"/>. The default page size is written into the SQL:
    /// with <c>LIMIT $1</c> PostgreSQL cannot estimate a reusable plan, and planned the list anew on every request
    /// (0.4 ms, more than running it).
    /// </summary>
    private static ListQuery Compile(
        Expression<Func<IQueryable<Incident>, int?, DateTimeOffset?, long?, IQueryable<Incident>>> order)
    {
        var db = Expression.Parameter(typeof(IncidentHubDbContext), "db");
        var filters = Matches.Parameters
            .Skip(1)
            .Select(parameter => Expression.Parameter(parameter.Type, parameter.Name))
            .ToArray();
        var cursor = order.Parameters
            .Skip(1)
            .Select(parameter => Expression.Parameter(parameter.Type, parameter.Name))
            .ToArray();
        var take = Expression.Parameter(typeof(int), "take");

        var predicate = Replace(Matches.Body, Matches.Parameters.Skip(1), filters);
        var matching = Expression.Call(
            typeof(Queryable), nameof(Queryable.Where), [typeof(Incident)],
            Expression.Property(db, nameof(IncidentHubDbContext.Incidents)),
            Expression.Quote(Expression.Lambda<Func<Incident, bool>>(predicate, Matches.Parameters[0])));
        var ordered = Replace(order.Body, order.Parameters, [matching, .. cursor]);

        Func<IncidentHubDbContext, Phase?, bool?, bool?, Severity?, string?, string?, DateTimeOffset?, DateTimeOffset?,
            int?, DateTimeOffset?, long?, int, IAsyncEnumerable<Row>> CompileTaking(Expression count) =>
            EF.CompileAsyncQuery(Expression.Lambda<Func<IncidentHubDbContext, Phase?, bool?, bool?, Severity?, string?,
                string?, DateTimeOffset?, DateTimeOffset?, int?, DateTimeOffset?, long?, int, IQueryable<Row>>>(
                Replace(
                    WithRoleHolders.Body,
                    WithRoleHolders.Parameters,
                    [
                        Expression.Call(typeof(Queryable), nameof(Queryable.Take), [typeof(Incident)], ordered, count),
                        db,
                    ]),
                [db, .. filters, .. cursor, take]));

        var defaultPage = CompileTaking(Expression.Constant(Cursor.DefaultLimit + 1));
        var anyPage = CompileTaking(take);
        return (context, phase, onlyOpen, onlyClosed, severity, service, pattern, overdueAt, notOverdueAt, afterRank,
            afterListedAt, afterNumber, count) =>
            (count == Cursor.DefaultLimit + 1 ? defaultPage : anyPage)(
                context, phase, onlyOpen, onlyClosed, severity, service, pattern, overdueAt, notOverdueAt, afterRank,
                afterListedAt, afterNumber, count);
    }

    private static Expression Replace(
        Expression tree, IEnumerable<ParameterExpression> parameters, IEnumerable<Expression> values) =>
        parameters.Zip(values)
            .Aggregate(tree, (replaced, pair) => ReplacingExpressionVisitor.Replace(pair.First, pair.Second, replaced));
}
