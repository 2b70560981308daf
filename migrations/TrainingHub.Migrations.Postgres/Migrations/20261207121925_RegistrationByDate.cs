using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TrainingHub.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RegistrationByDate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RegisteredCount",
                table: "Sessions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Seats",
                table: "Sessions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "RegistrationByDate",
                table: "Offerings",
                type: "boolean",
                nullable: true,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "ChosenSessions",
                table: "Enrolments",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "SessionRegistrations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SessionId = table.Column<int>(type: "integer", nullable: false),
                    EnrolmentId = table.Column<int>(type: "integer", nullable: false),
                    PersonId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    WaitlistPosition = table.Column<int>(type: "integer", nullable: true),
                    RegisteredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionRegistrations", x => x.Id);
                    table.CheckConstraint("CK_SessionRegistrations_WaitlistOnlyWhenWaitlisted", "(\"Status\" = 'Waitlisted' AND \"WaitlistPosition\" IS NOT NULL AND \"WaitlistPosition\" > 0) OR (\"Status\" <> 'Waitlisted' AND \"WaitlistPosition\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_SessionRegistrations_Enrolments_EnrolmentId",
                        column: x => x.EnrolmentId,
                        principalTable: "Enrolments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SessionRegistrations_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SessionRegistrations_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.AddCheckConstraint(
                name: "CK_Sessions_RegisteredCount",
                table: "Sessions",
                sql: "\"RegisteredCount\" >= 0");

            migrationBuilder.AddCheckConstraint(
                name: "CK_Sessions_Seats",
                table: "Sessions",
                sql: "\"Seats\" IS NULL OR (\"Seats\" > 0 AND \"RegisteredCount\" <= \"Seats\")");

            migrationBuilder.CreateIndex(
                name: "IX_SessionRegistrations_EnrolmentId",
                table: "SessionRegistrations",
                column: "EnrolmentId");

            migrationBuilder.CreateIndex(
                name: "IX_SessionRegistrations_PersonId",
                table: "SessionRegistrations",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_SessionRegistrations_SessionId_PersonId",
                table: "SessionRegistrations",
                columns: new[] { "SessionId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SessionRegistrations_SessionId_WaitlistPosition",
                table: "SessionRegistrations",
                columns: new[] { "SessionId", "WaitlistPosition" },
                unique: true,
                filter: "\"WaitlistPosition\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SessionRegistrations");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Sessions_RegisteredCount",
                table: "Sessions");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Sessions_Seats",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "RegisteredCount",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "Seats",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "RegistrationByDate",
                table: "Offerings");

            migrationBuilder.DropColumn(
                name: "ChosenSessions",
                table: "Enrolments");
        }
    }
}
