using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingHub.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Certificates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ContentHash",
                table: "Certificates",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CertificateSettings",
                columns: table => new
                {
                    ProgrammeId = table.Column<int>(type: "integer", nullable: false),
                    Issuer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IssuerCnpj = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    Place = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Signatories = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ValidityMonths = table.Column<int>(type: "integer", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertificateSettings", x => x.ProgrammeId);
                    table.CheckConstraint("CK_CertificateSettings_Validity", "\"ValidityMonths\" IS NULL OR \"ValidityMonths\" > 0");
                    table.ForeignKey(
                        name: "FK_CertificateSettings_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_OneValidTranscriptPerPeriod",
                table: "Certificates",
                columns: new[] { "PersonId", "PeriodFrom", "PeriodTo" },
                unique: true,
                filter: "\"Status\" = 'Valid' AND \"Kind\" = 'Transcript'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CertificateSettings");

            migrationBuilder.DropIndex(
                name: "IX_Certificates_OneValidTranscriptPerPeriod",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "ContentHash",
                table: "Certificates");
        }
    }
}
