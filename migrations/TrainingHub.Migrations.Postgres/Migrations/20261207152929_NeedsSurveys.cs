using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TrainingHub.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class NeedsSurveys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Audience",
                table: "Surveys",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Cycle",
                table: "Surveys",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SentAt",
                table: "Surveys",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsFocalPoint",
                table: "People",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "NeedsTopicLinks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SurveyId = table.Column<int>(type: "integer", nullable: false),
                    QuestionId = table.Column<int>(type: "integer", nullable: false),
                    Topic = table.Column<int>(type: "integer", nullable: false),
                    CourseId = table.Column<int>(type: "integer", nullable: true),
                    OfferingId = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NeedsTopicLinks", x => x.Id);
                    table.CheckConstraint("CK_NeedsTopicLinks_Target", "(\"CourseId\" IS NULL AND \"OfferingId\" IS NOT NULL) OR (\"CourseId\" IS NOT NULL AND \"OfferingId\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_NeedsTopicLinks_Courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "Courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NeedsTopicLinks_Offerings_OfferingId",
                        column: x => x.OfferingId,
                        principalTable: "Offerings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NeedsTopicLinks_Questions_QuestionId",
                        column: x => x.QuestionId,
                        principalTable: "Questions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NeedsTopicLinks_Surveys_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "Surveys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SurveyOrganizations",
                columns: table => new
                {
                    SurveyId = table.Column<int>(type: "integer", nullable: false),
                    OrganizationId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyOrganizations", x => new { x.SurveyId, x.OrganizationId });
                    table.ForeignKey(
                        name: "FK_SurveyOrganizations_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SurveyOrganizations_Surveys_SurveyId",
                        column: x => x.SurveyId,
                        principalTable: "Surveys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_NeedsTopicLinks_CourseId",
                table: "NeedsTopicLinks",
                column: "CourseId");

            migrationBuilder.CreateIndex(
                name: "IX_NeedsTopicLinks_OfferingId",
                table: "NeedsTopicLinks",
                column: "OfferingId");

            migrationBuilder.CreateIndex(
                name: "IX_NeedsTopicLinks_QuestionId",
                table: "NeedsTopicLinks",
                column: "QuestionId");

            migrationBuilder.CreateIndex(
                name: "IX_NeedsTopicLinks_SurveyId_QuestionId_Topic",
                table: "NeedsTopicLinks",
                columns: new[] { "SurveyId", "QuestionId", "Topic" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyOrganizations_OrganizationId",
                table: "SurveyOrganizations",
                column: "OrganizationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NeedsTopicLinks");

            migrationBuilder.DropTable(
                name: "SurveyOrganizations");

            migrationBuilder.DropColumn(
                name: "Audience",
                table: "Surveys");

            migrationBuilder.DropColumn(
                name: "Cycle",
                table: "Surveys");

            migrationBuilder.DropColumn(
                name: "SentAt",
                table: "Surveys");

            migrationBuilder.DropColumn(
                name: "IsFocalPoint",
                table: "People");
        }
    }
}
