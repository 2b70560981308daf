using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingHub.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ParticipationCertificates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ParticipationMinimum",
                table: "Offerings",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ParticipationMinutes",
                table: "Offerings",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ParticipationRule",
                table: "Offerings",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true,
                defaultValue: "None");

            migrationBuilder.AddColumn<string>(
                name: "SeriesKind",
                table: "Offerings",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true,
                defaultValue: "Webinar");

            migrationBuilder.AddColumn<int>(
                name: "OfferingId",
                table: "Certificates",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SessionId",
                table: "Certificates",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_OfferingId",
                table: "Certificates",
                column: "OfferingId");

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_OneValidPerSeries",
                table: "Certificates",
                columns: new[] { "PersonId", "OfferingId" },
                unique: true,
                filter: "\"Status\" = 'Valid' AND \"Kind\" = 'Participation' AND \"SessionId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_OneValidPerSession",
                table: "Certificates",
                columns: new[] { "PersonId", "SessionId" },
                unique: true,
                filter: "\"Status\" = 'Valid' AND \"Kind\" = 'Participation' AND \"SessionId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_SessionId",
                table: "Certificates",
                column: "SessionId");

            migrationBuilder.AddCheckConstraint(
                name: "CK_Certificates_ParticipationHasOffering",
                table: "Certificates",
                sql: "\"Kind\" <> 'Participation' OR \"OfferingId\" IS NOT NULL");

            migrationBuilder.AddForeignKey(
                name: "FK_Certificates_Offerings_OfferingId",
                table: "Certificates",
                column: "OfferingId",
                principalTable: "Offerings",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Certificates_Sessions_SessionId",
                table: "Certificates",
                column: "SessionId",
                principalTable: "Sessions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Certificates_Offerings_OfferingId",
                table: "Certificates");

            migrationBuilder.DropForeignKey(
                name: "FK_Certificates_Sessions_SessionId",
                table: "Certificates");

            migrationBuilder.DropIndex(
                name: "IX_Certificates_OfferingId",
                table: "Certificates");

            migrationBuilder.DropIndex(
                name: "IX_Certificates_OneValidPerSeries",
                table: "Certificates");

            migrationBuilder.DropIndex(
                name: "IX_Certificates_OneValidPerSession",
                table: "Certificates");

            migrationBuilder.DropIndex(
                name: "IX_Certificates_SessionId",
                table: "Certificates");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Certificates_ParticipationHasOffering",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "ParticipationMinimum",
                table: "Offerings");

            migrationBuilder.DropColumn(
                name: "ParticipationMinutes",
                table: "Offerings");

            migrationBuilder.DropColumn(
                name: "ParticipationRule",
                table: "Offerings");

            migrationBuilder.DropColumn(
                name: "SeriesKind",
                table: "Offerings");

            migrationBuilder.DropColumn(
                name: "OfferingId",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "SessionId",
                table: "Certificates");
        }
    }
}
