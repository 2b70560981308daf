using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingHub.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CreditedMonths : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CreditedMonths",
                columns: table => new
                {
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    OfferingId = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Rows = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CreditedMonths", x => new { x.PersonId, x.OfferingId, x.Month });
                });

            migrationBuilder.CreateIndex(
                name: "IX_CreditedMonths_Month_PersonId",
                table: "CreditedMonths",
                columns: new[] { "Month", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_CreditedMonths_OfferingId_Month",
                table: "CreditedMonths",
                columns: new[] { "OfferingId", "Month" });

            // The triggers that keep the table in step with every attendance and session change, and the backfill from existing rows.
            migrationBuilder.Sql(CreditedMonthsSql.Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(CreditedMonthsSql.Drop);
            migrationBuilder.DropTable(
                name: "CreditedMonths");
        }
    }
}
