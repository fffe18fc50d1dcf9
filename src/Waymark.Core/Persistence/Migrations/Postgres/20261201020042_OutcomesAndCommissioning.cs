using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Waymark.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OutcomesAndCommissioning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CommissionerKeys",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    Secret = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommissionerKeys", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_CommissionerKeys_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

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

            migrationBuilder.CreateTable(
                name: "UnmetNeeds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Need = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Reason = table.Column<int>(type: "integer", nullable: false),
                    Detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WithdrawnByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    WithdrawnReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnmetNeeds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UnmetNeeds_Episodes_EpisodeId",
                        column: x => x.EpisodeId,
                        principalTable: "Episodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_TeamId_CreatedAt",
                table: "Referrals",
                columns: new[] { "TeamId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LiaisonReports_TeamId_SentAt",
                table: "LiaisonReports",
                columns: new[] { "TeamId", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Episodes_TeamId_IdentifiedAt",
                table: "Episodes",
                columns: new[] { "TeamId", "IdentifiedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_TeamId_OccurredAt",
                table: "Contacts",
                columns: new[] { "TeamId", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_TeamId_CompletedAt",
                table: "Assessments",
                columns: new[] { "TeamId", "CompletedAt" });

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

            migrationBuilder.CreateIndex(
                name: "IX_UnmetNeeds_EpisodeId_RecordedAt",
                table: "UnmetNeeds",
                columns: new[] { "EpisodeId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_UnmetNeeds_PersonId",
                table: "UnmetNeeds",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_UnmetNeeds_TeamId_RecordedAt",
                table: "UnmetNeeds",
                columns: new[] { "TeamId", "RecordedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CommissionerKeys");

            migrationBuilder.DropTable(
                name: "FeedbackResponses");

            migrationBuilder.DropTable(
                name: "SupervisionSessions");

            migrationBuilder.DropTable(
                name: "TrainingSessions");

            migrationBuilder.DropTable(
                name: "UnmetNeeds");

            migrationBuilder.DropIndex(
                name: "IX_Referrals_TeamId_CreatedAt",
                table: "Referrals");

            migrationBuilder.DropIndex(
                name: "IX_LiaisonReports_TeamId_SentAt",
                table: "LiaisonReports");

            migrationBuilder.DropIndex(
                name: "IX_Episodes_TeamId_IdentifiedAt",
                table: "Episodes");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_TeamId_OccurredAt",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Assessments_TeamId_CompletedAt",
                table: "Assessments");
        }
    }
}
