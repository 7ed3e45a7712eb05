using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AlertSourceNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // App instances cache the alert sources that deliveries address (see AlertSourceCache): a committed change
            // to what a source accepts or does empties every instance's cache, as a change to an API token does. The
            // storm incident a delivery records (storm_incident_id) does not count: deliveries read it afresh under the
            // source's lock.
            migrationBuilder.Sql("""
                CREATE TRIGGER alert_sources_notify_credentials_changed
                    AFTER UPDATE OF name, kind, default_service, severity_labels, service_label, group_by_labels,
                        declare_immediately, mitigate_when_resolved, max_new_incidents_per_minute, enabled, secret_hash
                        OR DELETE OR TRUNCATE ON alert_sources
                    FOR EACH STATEMENT EXECUTE FUNCTION notify_credentials_changed();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER alert_sources_notify_credentials_changed ON alert_sources;");
        }
    }
}
