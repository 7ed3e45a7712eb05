using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentHub.Web.Data.Migrations
{
    /// <summary>
    /// The incidents each alert source opened in the last minute, for its storm limit, in a table of their own that
    /// <c>IncidentOpenings</c> writes with SQL on a connection of its own (so it is not part of the EF model); the index
    /// that counted them among the alerts goes. So does the index on when an alert was last received, which no query
    /// could use and which made every repeat of an alert rewrite all the table's indexes.
    /// </summary>
    public partial class AlertSourceOpenings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_alerts_last_received_at_id",
                table: "alerts");

            migrationBuilder.DropIndex(
                name: "ix_alerts_source_id_first_received_at",
                table: "alerts");

            migrationBuilder.AlterTable(
                name: "alerts")
                .Annotation("Npgsql:StorageParameter:fillfactor", 80);

            migrationBuilder.Sql(
                """
                CREATE TABLE alert_source_openings (
                    source_id uuid PRIMARY KEY REFERENCES alert_sources (id) ON DELETE CASCADE,
                    opened_at timestamp with time zone[] NOT NULL,
                    last_granted integer NOT NULL
                );
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE alert_source_openings;");

            migrationBuilder.AlterTable(
                name: "alerts")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 80);

            migrationBuilder.CreateIndex(
                name: "ix_alerts_last_received_at_id",
                table: "alerts",
                columns: new[] { "last_received_at", "id" },
                descending: new[] { true, true });

            migrationBuilder.CreateIndex(
                name: "ix_alerts_source_id_first_received_at",
                table: "alerts",
                columns: new[] { "source_id", "first_received_at" },
                filter: "opened_incident");
        }
    }
}
