using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class UpdateCadence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "affected_services",
                table: "status_updates",
                type: "jsonb",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "public_status",
                table: "status_updates",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_external_update_at",
                table: "incidents",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_internal_update_at",
                table: "incidents",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "next_external_update_due_at",
                table: "incidents",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "next_internal_update_due_at",
                table: "incidents",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_incidents_next_external_update_due_at",
                table: "incidents",
                column: "next_external_update_due_at",
                filter: "next_external_update_due_at IS NOT NULL");

            // The cadence of the incidents already there, as the domain computes it (UpdateCadence): one interval after
            // the audience's last update, or after the declaration.
            migrationBuilder.Sql("""
                UPDATE incidents AS i
                SET last_external_update_at = u.last_external, last_internal_update_at = u.last_internal
                FROM (SELECT incident_id,
                             max(posted_at) FILTER (WHERE audience = 'External') AS last_external,
                             max(posted_at) FILTER (WHERE audience = 'Internal') AS last_internal
                      FROM status_updates GROUP BY incident_id) AS u
                WHERE u.incident_id = i.id;

                UPDATE incidents
                SET next_external_update_due_at = COALESCE(last_external_update_at, declared_at) + make_interval(mins =>
                        CASE WHEN phase = 'Recovery' THEN CASE severity WHEN 'S1' THEN 30 ELSE 60 END
                             WHEN phase = 'Remediation' THEN CASE severity WHEN 'S1' THEN 10 ELSE 30 END
                             ELSE CASE severity WHEN 'S1' THEN 10 ELSE 15 END END),
                    next_internal_update_due_at = COALESCE(last_internal_update_at, declared_at) + make_interval(mins =>
                        CASE WHEN phase = 'Recovery' THEN CASE severity WHEN 'S1' THEN 60 WHEN 'S2' THEN 120 END
                             ELSE CASE severity WHEN 'S1' THEN 30 WHEN 'S2' THEN 60 ELSE 120 END END)
                WHERE phase IN ('Identification', 'Investigation', 'Containment', 'Remediation', 'Recovery')
                    AND declared_at IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_incidents_next_external_update_due_at",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "affected_services",
                table: "status_updates");

            migrationBuilder.DropColumn(
                name: "public_status",
                table: "status_updates");

            migrationBuilder.DropColumn(
                name: "last_external_update_at",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "last_internal_update_at",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "next_external_update_due_at",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "next_internal_update_due_at",
                table: "incidents");
        }
    }
}
