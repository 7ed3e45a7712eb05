using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddUnfilteredListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_incidents_listed_at_number",
                table: "incidents",
                columns: new[] { "listed_at", "number" },
                descending: new bool[0]);

            migrationBuilder.CreateIndex(
                name: "ix_incidents_severity_rank_listed_at_number",
                table: "incidents",
                columns: new[] { "severity_rank", "listed_at", "number" },
                descending: new[] { false, true, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_incidents_listed_at_number",
                table: "incidents");

            migrationBuilder.DropIndex(
                name: "ix_incidents_severity_rank_listed_at_number",
                table: "incidents");
        }
    }
}
