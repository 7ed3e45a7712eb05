using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Reviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_webhook_overdue_notices",
                table: "webhook_overdue_notices");

            migrationBuilder.AddColumn<string>(
                name: "subject",
                table: "webhook_overdue_notices",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "external_update");

            migrationBuilder.AddColumn<List<string>>(
                name: "review_attendees",
                table: "incidents",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<DateOnly>(
                name: "review_due_on",
                table: "incidents",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "review_meeting_at",
                table: "incidents",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "review_owner_id",
                table: "incidents",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "review_request_reason",
                table: "incidents",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "review_requested_at",
                table: "incidents",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "review_requested_by_name",
                table: "incidents",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "review_state",
                table: "incidents",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "NotStarted");

            migrationBuilder.AddColumn<string>(
                name: "worst_severity",
                table: "incidents",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddPrimaryKey(
                name: "pk_webhook_overdue_notices",
                table: "webhook_overdue_notices",
                columns: new[] { "incident_id", "subject", "due_at" });

            migrationBuilder.CreateTable(
                name: "timeline_stars",
                columns: table => new
                {
                    timeline_event_id = table.Column<long>(type: "bigint", nullable: false),
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    starred_by_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    starred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_timeline_stars", x => x.timeline_event_id);
                    table.ForeignKey(
                        name: "fk_timeline_stars_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_timeline_stars_timeline_events_timeline_event_id",
                        column: x => x.timeline_event_id,
                        principalTable: "timeline_events",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_incidents_review_due_on_unpublished",
                table: "incidents",
                column: "review_due_on",
                filter: "review_due_on IS NOT NULL AND review_state <> 'Published'");

            migrationBuilder.CreateIndex(
                name: "ix_incidents_review_owner_id",
                table: "incidents",
                column: "review_owner_id");

            migrationBuilder.CreateIndex(
                name: "ix_timeline_stars_incident_id",
                table: "timeline_stars",
                column: "incident_id");

            migrationBuilder.AddForeignKey(
                name: "fk_incidents_people_review_owner_id",
                table: "incidents",
                column: "review_owner_id",
                principalTable: "people",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            // The worst severity each incident had, from its kept changes; a written review is at least a draft;
            // a needed review of a resolved incident falls due two weeks after the resolution (the default).
            migrationBuilder.Sql("""
                UPDATE incidents AS i SET worst_severity = w.worst
                FROM (SELECT incident_id, (array_agg("to" ORDER BY CASE "to" WHEN 'S1' THEN 1 WHEN 'S2' THEN 2
                          WHEN 'S3' THEN 3 WHEN 'S4' THEN 4 ELSE 5 END))[1] AS worst
                      FROM severity_changes GROUP BY incident_id) AS w
                WHERE w.incident_id = i.id;
                UPDATE incidents SET review_state = 'Draft' WHERE review IS NOT NULL;
                UPDATE incidents SET review_due_on = (resolved_at AT TIME ZONE 'UTC')::date + 14
                WHERE resolved_at IS NOT NULL AND declared_at IS NOT NULL AND phase <> 'Dismissed'
                  AND worst_severity IN ('S1', 'S2');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_incidents_people_review_owner_id",
                table: "incidents");

            migrationBuilder.DropTable(
                name: "timeline_stars");

            migrationBuilder.DropPrimaryKey(
                name: "pk_webhook_overdue_notices",
                table: "webhook_overdue_notices");

            migrationBuilder.DropIndex(
                name: "ix_incidents_review_due_on_unpublished",
                table: "incidents");

            migrationBuilder.DropIndex(
                name: "ix_incidents_review_owner_id",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "subject",
                table: "webhook_overdue_notices");

            migrationBuilder.DropColumn(
                name: "review_attendees",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "review_due_on",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "review_meeting_at",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "review_owner_id",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "review_request_reason",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "review_requested_at",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "review_requested_by_name",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "review_state",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "worst_severity",
                table: "incidents");

            migrationBuilder.AddPrimaryKey(
                name: "pk_webhook_overdue_notices",
                table: "webhook_overdue_notices",
                columns: new[] { "incident_id", "due_at" });
        }
    }
}
