using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingHub.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DropQuartzTables : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Quartz.NET (the scheduler before Hangfire) created these tables itself, outside the EF model; children first.
            migrationBuilder.Sql("DROP TABLE IF EXISTS QRTZ_FIRED_TRIGGERS;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS QRTZ_PAUSED_TRIGGER_GRPS;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS QRTZ_PAUSED_JOB_GRPS;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS QRTZ_SCHEDULER_STATE;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS QRTZ_LOCKS;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS QRTZ_SIMPLE_TRIGGERS;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS QRTZ_SIMPROP_TRIGGERS;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS QRTZ_CRON_TRIGGERS;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS QRTZ_BLOB_TRIGGERS;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS QRTZ_TRIGGERS;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS QRTZ_JOB_DETAILS;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS QRTZ_CALENDARS;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS QRTZ_EXECUTION_HISTORY;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS QRTZ_MISFIRE_HISTORY;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS QRTZ_JOB_STATUS;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to restore: Hangfire keeps the schedules now, and Quartz would create its tables again itself.
        }
    }
}
