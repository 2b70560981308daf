using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TrainingHub.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LiveCheckIn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "CheckedInAt",
                table: "AttendanceRecords",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ConfirmedAt",
                table: "AttendanceRecords",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CheckInFailures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CheckInFailures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CheckInFailures_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CheckInWindows",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Secret = table.Column<byte[]>(type: "BLOB", maxLength: 64, nullable: false),
                    CodeSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    OpensAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosesAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OpenedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ClosedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CheckInWindows", x => x.Id);
                    table.CheckConstraint("CK_CheckInWindows_CodeSeconds", "\"CodeSeconds\" > 0");
                    table.CheckConstraint("CK_CheckInWindows_Period", "\"ClosesAt\" >= \"OpensAt\"");
                    table.ForeignKey(
                        name: "FK_CheckInWindows_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CheckInFailures_PersonId_At",
                table: "CheckInFailures",
                columns: new[] { "PersonId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_CheckInWindows_ClosesAt",
                table: "CheckInWindows",
                column: "ClosesAt");

            migrationBuilder.CreateIndex(
                name: "IX_CheckInWindows_SessionId_ClosesAt",
                table: "CheckInWindows",
                columns: new[] { "SessionId", "ClosesAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CheckInFailures");

            migrationBuilder.DropTable(
                name: "CheckInWindows");

            migrationBuilder.DropColumn(
                name: "CheckedInAt",
                table: "AttendanceRecords");

            migrationBuilder.DropColumn(
                name: "ConfirmedAt",
                table: "AttendanceRecords");
        }
    }
}
