using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waymark.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PeopleFeedbackTraining : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FeedbackResponses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    GivenOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    Experience = table.Column<int>(type: "integer", nullable: true),
                    Listened = table.Column<int>(type: "integer", nullable: true),
                    Respected = table.Column<int>(type: "integer", nullable: true),
                    Helped = table.Column<int>(type: "integer", nullable: true),
                    Comments = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    SubmissionToken = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeedbackResponses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SupervisionSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    SupervisorName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupervisionSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupervisionSessions_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TrainingSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeliveredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AgencyKind = table.Column<int>(type: "integer", nullable: true),
                    AgencyOther = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Audience = table.Column<int>(type: "integer", nullable: false),
                    AudienceText = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Topic = table.Column<int>(type: "integer", nullable: false),
                    TopicOther = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Attendees = table.Column<int>(type: "integer", nullable: false),
                    AverageRating = table.Column<decimal>(type: "numeric(2,1)", precision: 2, scale: 1, nullable: true),
                    FeedbackComments = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UpdatedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrainingSessions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Episodes_TeamId_IdentifiedAt",
                table: "Episodes",
                columns: new[] { "TeamId", "IdentifiedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_TeamId_OccurredAt",
                table: "Contacts",
                columns: new[] { "TeamId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackResponses_TeamId_GivenOn",
                table: "FeedbackResponses",
                columns: new[] { "TeamId", "GivenOn" });

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackResponses_TeamId_SubmissionToken",
                table: "FeedbackResponses",
                columns: new[] { "TeamId", "SubmissionToken" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionSessions_TeamId_UserId_Kind_HeldOn",
                table: "SupervisionSessions",
                columns: new[] { "TeamId", "UserId", "Kind", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionSessions_UserId",
                table: "SupervisionSessions",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_TrainingSessions_TeamId_DeliveredOn",
                table: "TrainingSessions",
                columns: new[] { "TeamId", "DeliveredOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FeedbackResponses");

            migrationBuilder.DropTable(
                name: "SupervisionSessions");

            migrationBuilder.DropTable(
                name: "TrainingSessions");

            migrationBuilder.DropIndex(
                name: "IX_Episodes_TeamId_IdentifiedAt",
                table: "Episodes");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_TeamId_OccurredAt",
                table: "Contacts");
        }
    }
}
