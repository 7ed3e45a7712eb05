using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IncidentHub.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class CredentialNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every committed change to what an API token may do tells the listening app instances to forget
            // the tokens they cached (see ApiTokenCache). Only the columns a token's rights depend on count:
            // the once-a-minute last_used_at write must not empty every cache.
            migrationBuilder.Sql("""
                CREATE FUNCTION notify_credentials_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('credentials_changed', TG_TABLE_NAME);
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER api_tokens_notify_credentials_changed
                    AFTER UPDATE OF account_id, expires_at, revoked_at, name, scopes, token_hash OR DELETE OR TRUNCATE ON api_tokens
                    FOR EACH STATEMENT EXECUTE FUNCTION notify_credentials_changed();
                CREATE TRIGGER accounts_notify_credentials_changed
                    AFTER UPDATE OF role OR DELETE OR TRUNCATE ON accounts
                    FOR EACH STATEMENT EXECUTE FUNCTION notify_credentials_changed();
                CREATE TRIGGER people_notify_credentials_changed
                    AFTER UPDATE OF active, display_name OR DELETE OR TRUNCATE ON people
                    FOR EACH STATEMENT EXECUTE FUNCTION notify_credentials_changed();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER people_notify_credentials_changed ON people;
                DROP TRIGGER accounts_notify_credentials_changed ON accounts;
                DROP TRIGGER api_tokens_notify_credentials_changed ON api_tokens;
                DROP FUNCTION notify_credentials_changed();
                """);
        }
    }
}
