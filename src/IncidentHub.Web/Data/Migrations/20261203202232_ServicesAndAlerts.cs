using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ServicesAndAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alert_sources",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    default_service = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    severity_labels = table.Column<List<string>>(type: "text[]", nullable: false),
                    service_label = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    group_by_labels = table.Column<List<string>>(type: "text[]", nullable: false),
                    declare_immediately = table.Column<bool>(type: "boolean", nullable: false),
                    mitigate_when_resolved = table.Column<bool>(type: "boolean", nullable: false),
                    max_new_incidents_per_minute = table.Column<int>(type: "integer", nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    secret_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    secret_prefix = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    secret_created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    storm_incident_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alert_sources", x => x.id);
                    table.ForeignKey(
                        name: "fk_alert_sources_incidents_storm_incident_id",
                        column: x => x.storm_incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "services",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    slug = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: true),
                    owner_team = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    runbook_url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    shown_on_status_page = table.Column<bool>(type: "boolean", nullable: false),
                    needs_review = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_services", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "alerts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    source_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fingerprint = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    group_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    title = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    description = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    severity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    service = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    labels = table.Column<string>(type: "jsonb", nullable: false),
                    annotations = table.Column<string>(type: "jsonb", nullable: false),
                    links = table.Column<string>(type: "jsonb", nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    first_received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    times_received = table.Column<int>(type: "integer", nullable: false),
                    acknowledged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    acknowledged_by = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    opened_incident = table.Column<bool>(type: "boolean", nullable: false),
                    repeat_noted = table.Column<bool>(type: "boolean", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alerts", x => x.id);
                    table.ForeignKey(
                        name: "fk_alerts_alert_sources_source_id",
                        column: x => x.source_id,
                        principalTable: "alert_sources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_alerts_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_alert_sources_name",
                table: "alert_sources",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_alert_sources_storm_incident_id",
                table: "alert_sources",
                column: "storm_incident_id");

            migrationBuilder.CreateIndex(
                name: "ix_alerts_incident_id_status",
                table: "alerts",
                columns: new[] { "incident_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_alerts_last_received_at_id",
                table: "alerts",
                columns: new[] { "last_received_at", "id" },
                descending: new bool[0]);

            migrationBuilder.CreateIndex(
                name: "ix_alerts_open_fingerprint",
                table: "alerts",
                columns: new[] { "source_id", "fingerprint" },
                unique: true,
                filter: "status <> 'Resolved'");

            migrationBuilder.CreateIndex(
                name: "ix_alerts_service",
                table: "alerts",
                column: "service");

            migrationBuilder.CreateIndex(
                name: "ix_alerts_source_id_fingerprint_starts_at",
                table: "alerts",
                columns: new[] { "source_id", "fingerprint", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "ix_alerts_source_id_first_received_at",
                table: "alerts",
                columns: new[] { "source_id", "first_received_at" },
                filter: "opened_incident");

            migrationBuilder.CreateIndex(
                name: "ix_alerts_source_id_group_key_first_received_at",
                table: "alerts",
                columns: new[] { "source_id", "group_key", "first_received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_services_slug",
                table: "services",
                column: "slug",
                unique: true);

            // Incidents named services as free text: every name becomes its slug (the form ServiceSlug makes) and
            // a catalogue entry marked for review, named as it was typed.
            migrationBuilder.Sql("""
                CREATE FUNCTION pg_temp.service_slug(name text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
                    SELECT left(trim(both '-' from regexp_replace(lower(trim(name)), '[^[:alnum:]._]+', '-', 'g')), 100)
                $$;
                INSERT INTO services (id, slug, name, shown_on_status_page, needs_review, created_at, updated_at)
                SELECT gen_random_uuid(), slug, left(min(name), 200), false, true, now(), now()
                FROM (SELECT name, pg_temp.service_slug(name) AS slug FROM incidents, unnest(services) AS name) named
                WHERE slug <> ''
                GROUP BY slug;
                UPDATE incidents SET services = ARRAY(
                    SELECT DISTINCT pg_temp.service_slug(name) FROM unnest(services) AS name
                    WHERE pg_temp.service_slug(name) <> '')
                WHERE EXISTS (SELECT 1 FROM unnest(services) AS name WHERE pg_temp.service_slug(name) <> name);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alerts");

            migrationBuilder.DropTable(
                name: "services");

            migrationBuilder.DropTable(
                name: "alert_sources");
        }
    }
}
