using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingHub.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ProgrammeParticipations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProgrammeParticipations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Stage = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    StatusSince = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AgreementNumber = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    AgreementSignedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AgreementValidUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AgreementUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeParticipations", x => x.Id);
                    table.CheckConstraint("CK_ProgrammeParticipations_Agreement", "\"AgreementValidUntil\" IS NULL OR \"AgreementSignedOn\" IS NULL OR \"AgreementValidUntil\" >= \"AgreementSignedOn\"");
                    table.CheckConstraint("CK_ProgrammeParticipations_Stage", "\"Stage\" IS NULL OR (\"Stage\" >= 1 AND \"Stage\" <= 99)");
                    table.ForeignKey(
                        name: "FK_ProgrammeParticipations_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProgrammeParticipations_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ParticipationChanges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ParticipationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Stage = table.Column<int>(type: "INTEGER", nullable: true),
                    EffectiveOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ParticipationChanges", x => x.Id);
                    table.CheckConstraint("CK_ParticipationChanges_Stage", "\"Stage\" IS NULL OR (\"Stage\" >= 1 AND \"Stage\" <= 99)");
                    table.ForeignKey(
                        name: "FK_ParticipationChanges_ProgrammeParticipations_ParticipationId",
                        column: x => x.ParticipationId,
                        principalTable: "ProgrammeParticipations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ParticipationFocalPoints",
                columns: table => new
                {
                    ParticipationId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ParticipationFocalPoints", x => new { x.ParticipationId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_ParticipationFocalPoints_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ParticipationFocalPoints_ProgrammeParticipations_ParticipationId",
                        column: x => x.ParticipationId,
                        principalTable: "ProgrammeParticipations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ParticipationChanges_ParticipationId_EffectiveOn",
                table: "ParticipationChanges",
                columns: new[] { "ParticipationId", "EffectiveOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ParticipationFocalPoints_PersonId",
                table: "ParticipationFocalPoints",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeParticipations_OrganizationId",
                table: "ProgrammeParticipations",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeParticipations_ProgrammeId_OrganizationId",
                table: "ProgrammeParticipations",
                columns: new[] { "ProgrammeId", "OrganizationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeParticipations_ProgrammeId_Status",
                table: "ProgrammeParticipations",
                columns: new[] { "ProgrammeId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ParticipationChanges");

            migrationBuilder.DropTable(
                name: "ParticipationFocalPoints");

            migrationBuilder.DropTable(
                name: "ProgrammeParticipations");
        }
    }
}
