using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class LiveUpdates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "open_rank",
                table: "incidents",
                type: "integer",
                nullable: false,
                computedColumnSql: "CASE WHEN phase NOT IN ('Closed', 'Dismissed') THEN 0 ELSE 1 END",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_incidents_open_rank_listed_at_number",
                table: "incidents",
                columns: new[] { "open_rank", "listed_at", "number" },
                descending: new[] { false, true, true });

            // Every committed insert or update of an incident tells the listening app instances (see
            // IncidentChangeFeed); PostgreSQL delivers the notification at commit, never for a rollback.
            migrationBuilder.Sql("""
                CREATE FUNCTION notify_incident_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('incident_changed', json_build_object('number', NEW.number, 'revision', NEW.revision)::text);
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER incidents_notify_changed AFTER INSERT OR UPDATE ON incidents
                    FOR EACH ROW EXECUTE FUNCTION notify_incident_changed();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER incidents_notify_changed ON incidents;
                DROP FUNCTION notify_incident_changed();
                """);

            migrationBuilder.DropIndex(
                name: "ix_incidents_open_rank_listed_at_number",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "open_rank",
                table: "incidents");
        }
    }
}
