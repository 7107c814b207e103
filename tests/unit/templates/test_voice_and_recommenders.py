"""VoiceTemplate, RecommenderConfiguration and templates' recommender= prop: the custom
resources' properties, the provider's grants, the Pinpoint role, the Handlebars checks, and
every validation rule with its message."""

from __future__ import annotations

import json
from typing import Any

import aws_cdk as cdk
import botocore.session
import pytest
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_personalize as personalize
from aws_cdk.assertions import Annotations, Match, Template
from support import lint_findings, synth_clean

from pinpoint_constructs import (
    TEMPLATE_MISSING_DEFAULT_WARNING,
    VOICE_TEMPLATE_MAX_LENGTH,
    EmailTemplate,
    PinpointApp,
    PushMessage,
    PushTemplate,
    RecommenderConfiguration,
    RecommenderIdType,
    SmsTemplate,
    TemplateType,
    VoiceTemplate,
)
from pinpoint_constructs.pinpoint.templates._polly import VOICE_LANGUAGES

CAMPAIGN = "arn:aws:personalize:us-east-1:123456789012:campaign/products"
SOLUTION = "arn:aws:personalize:us-east-1:123456789012:solution/products"
FIRST_NAME = "User.UserAttributes.FirstName"


def _resources(stack: cdk.Stack, resource_type: str) -> list[dict[str, Any]]:
    return list(Template.from_stack(stack).find_resources(resource_type).values())


def _voice(stack: cdk.Stack, **props: Any) -> VoiceTemplate:
    props.setdefault("template_name", "reminder-call")
    props.setdefault("body", "Hello {{User.UserAttributes.FirstName}}")
    props.setdefault("voice_id", "Joanna")
    props.setdefault("default_substitutions", {FIRST_NAME: "there"})
    return VoiceTemplate(stack, "Call", **props)


def _recommender(stack: cdk.Stack, **props: Any) -> RecommenderConfiguration:
    app = PinpointApp(stack, "App", app_name="shop")
    props.setdefault("personalize_campaign", CAMPAIGN)
    props.setdefault("personalize_solution_arn", SOLUTION)
    return RecommenderConfiguration(stack, "Products", app=app, **props)


def _warnings(stack: cdk.Stack) -> list[str]:
    found = Annotations.from_stack(stack).find_warning("*", Match.any_value())
    return [str(message.entry.data) for message in found]


def _policy_statements(stack: cdk.Stack) -> list[dict[str, Any]]:
    (policy,) = [
        p
        for p in _resources(stack, "AWS::IAM::Policy")
        if "PinpointMessageTemplateProviderOnEventRole" in str(p["Properties"]["Roles"])
    ]
    return policy["Properties"]["PolicyDocument"]["Statement"]  # type: ignore[no-any-return]


# ---- voice templates -----------------------------------------------------------------------


def test_voice_template_is_a_custom_resource_with_the_request_fields(stack):
    template = _voice(stack, description="Reminder", tags={"team": "care"})
    Template.from_stack(stack).has_resource_properties(
        "Custom::PinpointVoiceTemplate",
        {
            "TemplateName": "reminder-call",
            "Body": "Hello {{User.UserAttributes.FirstName}}",
            "VoiceId": "Joanna",
            "LanguageCode": "en-US",
            "TemplateDescription": "Reminder",
            "DefaultSubstitutions": '{"User.UserAttributes.FirstName": "there"}',
            "Tags": {"team": "care"},
        },
    )
    assert template.node.default_child is template.node.find_child("Resource")
    assert template.template_type is TemplateType.VOICE
    assert template.language_code == "en-US"
    assert stack.resolve(template.template_arn) == {
        "Fn::GetAtt": [stack.get_logical_id(template.node.default_child.node.default_child), "Arn"]
    }


def test_voice_language_defaults_to_the_voices_and_a_bilingual_voice_takes_its_second(stack):
    assert _voice(stack, voice_id="Hans").language_code == "de-DE"
    kajal = VoiceTemplate(stack, "Hindi", body="Namaste", voice_id="Kajal", language_code="hi-IN")
    assert kajal.language_code == "hi-IN"


def test_voice_templates_share_one_provider_granted_their_exact_arns(stack):
    _voice(stack)
    VoiceTemplate(stack, "Other", template_name="other-call", body="Hi", voice_id="Amy")
    assert len(_resources(stack, "AWS::Lambda::Function")) == 2  # handler + framework
    statements = _policy_statements(stack)
    resources = [stack.resolve(s["Resource"]) for s in statements]
    text = str(resources)
    assert "templates/reminder-call/VOICE" in text and "templates/other-call/VOICE" in text
    (delete,) = [s for s in statements if s["Action"] == "mobiletargeting:DeleteVoiceTemplate"]
    assert "templates/*/VOICE" in str(delete["Resource"])


def test_voice_body_missing_default_warns_and_syntax_error_fails(stack):
    _voice(stack, default_substitutions=None)
    assert any(
        "VoiceTemplate 'reminder-call' body (line 1, column 8) uses the variable "
        "User.UserAttributes.FirstName" in w
        for w in _warnings(stack)
    )
    with pytest.raises(ValueError, match=r"VoiceTemplate 'broken' body line 1, column"):
        VoiceTemplate(stack, "Broken", template_name="broken", body="{{#if}}", voice_id="Amy")


def test_voice_rejects_an_unknown_voice(stack):
    with pytest.raises(
        ValueError, match=r"voice_id must be an Amazon Polly voice id .* got 'Jonna'"
    ):
        _voice(stack, voice_id="Jonna")


def test_voice_rejects_an_unknown_language(stack):
    with pytest.raises(ValueError, match="language_code must be an Amazon Polly language code"):
        _voice(stack, language_code="en-XX")


def test_voice_rejects_a_language_the_voice_does_not_speak(stack):
    with pytest.raises(
        ValueError, match="voice_id 'Joanna' speaks en-US, not language_code 'de-DE'"
    ):
        _voice(stack, language_code="de-DE")


def test_voice_rejects_an_empty_body_and_a_bad_name(stack):
    with pytest.raises(ValueError, match="body must not be empty"):
        _voice(stack, body=" ")
    with pytest.raises(ValueError, match="template_name must be 1 to 128 characters: letters"):
        _voice(stack, template_name="-bad")


def test_voice_body_limit(stack):
    """Pinpoint's quotas page: "Maximum number of characters in a voice template | 10,000"."""
    body = "x" * VOICE_TEMPLATE_MAX_LENGTH
    VoiceTemplate(stack, "Longest", template_name="longest", body=body, voice_id="Joanna")
    with pytest.raises(
        ValueError,
        match=r"^VoiceTemplate 'too-long' body has 10001 characters; a voice template can have "
        r"at most 10000$",
    ):
        VoiceTemplate(
            stack, "TooLong", template_name="too-long", body=body + "x", voice_id="Joanna"
        )


def test_voice_rejects_non_string_tags(stack):
    with pytest.raises(TypeError, match=r"tags\['n'\] must be a string, got int"):
        _voice(stack, tags={"n": 1})


def test_every_voice_of_the_table_is_in_pollys_model():
    model = botocore.session.get_session().get_service_model("polly")
    voices = set(model.shape_for("VoiceId").enum)
    languages = set(model.shape_for("LanguageCode").enum)
    assert set(VOICE_LANGUAGES) <= voices
    assert {code for codes in VOICE_LANGUAGES.values() for code in codes} <= languages


def test_a_voice_newer_than_the_table_needs_a_language(stack):
    model = botocore.session.get_session().get_service_model("polly")
    newer = sorted(set(model.shape_for("VoiceId").enum) - set(VOICE_LANGUAGES))
    if not newer:
        pytest.skip("every voice of the installed botocore is in the table")
    with pytest.raises(ValueError, match=f"voice_id '{newer[0]}' needs a language_code"):
        _voice(stack, voice_id=newer[0])
    assert _voice(stack, voice_id=newer[0], language_code="en-US").language_code == "en-US"


def test_voice_template_passes_cdk_nag_and_cfn_lint(nag_stack, tmp_path):
    _voice(nag_stack)
    assert lint_findings(synth_clean(nag_stack), tmp_path) == []


# ---- recommender configurations ------------------------------------------------------------


def test_recommender_properties_and_defaults(stack):
    recommender = _recommender(stack, recommendations_per_message=3, id_type=RecommenderIdType.USER)
    Template.from_stack(stack).has_resource_properties(
        "Custom::PinpointRecommenderConfiguration",
        {
            "RecommendationProviderUri": CAMPAIGN,
            "RecommendationProviderRoleArn": {
                "Fn::GetAtt": [Match.string_like_regexp("Role"), "Arn"]
            },
            "RecommendationProviderIdType": "PINPOINT_USER_ID",
            "RecommendationsDisplayName": "Recommendations",
            "RecommendationsPerMessage": "3",
        },
    )
    assert stack.resolve(recommender.recommender_id)["Ref"].startswith("Products")
    assert recommender.recommended_attributes == ()


def test_recommender_role_trusts_pinpoint_for_this_account_and_project_only(stack):
    _recommender(stack)
    (role,) = [
        r
        for r in _resources(stack, "AWS::IAM::Role")
        if "pinpoint.amazonaws.com" in str(r["Properties"]["AssumeRolePolicyDocument"])
    ]
    (statement,) = role["Properties"]["AssumeRolePolicyDocument"]["Statement"]
    assert statement["Condition"]["StringEquals"] == {"aws:SourceAccount": "123456789012"}
    source_arns = stack.resolve(statement["Condition"]["ArnLike"]["aws:SourceArn"])
    assert len(source_arns) == 3 and "recommenders/*" in str(source_arns[2])
    (policy,) = [
        p
        for p in _resources(stack, "AWS::IAM::Policy")
        if "ProductsRole" in str(p["Properties"]["Roles"])
    ]
    assert policy["Properties"]["PolicyDocument"]["Statement"] == [
        {
            "Action": ["personalize:DescribeCampaign", "personalize:GetRecommendations"],
            "Effect": "Allow",
            "Resource": CAMPAIGN,
        },
        {"Action": "personalize:DescribeSolution", "Effect": "Allow", "Resource": SOLUTION},
    ]


def test_recommender_handler_may_pass_only_that_role(stack):
    recommender = _recommender(stack)
    (pass_role,) = [s for s in _policy_statements(stack) if s["Action"] == "iam:PassRole"]
    assert pass_role["Resource"] == stack.resolve(recommender.role.role_arn)
    assert pass_role["Condition"] == {
        "StringEquals": {"iam:PassedToService": "pinpoint.amazonaws.com"}
    }


def test_recommender_handler_may_create_list_update_and_delete_configurations(stack):
    """Create and list (a retried Create finds its configuration) on the account's
    ``recommenders``; update and delete on ``recommenders/*``."""
    _recommender(stack)
    statements = {
        json.dumps(s["Resource"], sort_keys=True): s["Action"]
        for s in _policy_statements(stack)
        if "mobiletargeting" in json.dumps(s["Action"])
    }
    by_action = {
        action: resource
        for resource, actions in statements.items()
        for action in ([actions] if isinstance(actions, str) else actions)
    }
    create, listing = (
        by_action["mobiletargeting:CreateRecommenderConfiguration"],
        by_action["mobiletargeting:GetRecommenderConfigurations"],
    )
    assert create == listing and create.endswith(':recommenders"')
    assert by_action["mobiletargeting:UpdateRecommenderConfiguration"].endswith(':recommenders/*"')


def test_recommender_takes_an_l1_campaign_and_derives_its_solution(stack):
    campaign = personalize.CfnCampaign(
        stack,
        "Campaign",
        name="products",
        solution_version_arn="arn:aws:personalize:us-east-1:123456789012:solution/products/abc123",
    )
    # (aws-cdk-lib 2.27x's synth-time validation rejects AWS::Personalize::Campaign as an
    # unknown type, so the properties are resolved without synthesizing.)
    recommender = _recommender(stack, personalize_campaign=campaign, personalize_solution_arn=None)
    cfn = recommender.node.find_child("Resource").node.default_child
    assert stack.resolve(cfn._cfn_properties)["RecommendationProviderUri"] == {
        "Fn::GetAtt": ["Campaign", "CampaignArn"]
    }
    policy = recommender.role.node.find_child("DefaultPolicy")
    assert SOLUTION in str(stack.resolve(policy.document.to_json()))


def test_recommender_transformer_gets_an_invoke_permission_and_attributes(stack):
    function = lambda_.Function(
        stack,
        "Transformer",
        runtime=lambda_.Runtime.PYTHON_3_13,
        handler="index.handler",
        code=lambda_.Code.from_inline("def handler(e, c): return e"),
    )
    _recommender(stack, transformer=function, attributes={"Title": "Product title"})
    Template.from_stack(stack).has_resource_properties(
        "Custom::PinpointRecommenderConfiguration",
        {
            "RecommendationTransformerUri": {
                "Fn::GetAtt": [Match.string_like_regexp("Transformer"), "Arn"]
            },
            "Attributes": {"Title": "Product title"},
            "RecommendationsDisplayName": Match.absent(),
        },
    )
    Template.from_stack(stack).has_resource_properties(
        "AWS::Lambda::Permission",
        {
            "Principal": "pinpoint.us-east-1.amazonaws.com",
            "SourceAccount": "123456789012",
            "SourceArn": "arn:aws:mobiletargeting:us-east-1:123456789012:recommenders/*",
        },
    )


@pytest.mark.parametrize(
    ("props", "message"),
    [
        (
            {"recommendations_per_message": 6},
            "recommendations_per_message must be between 1 and 5, got 6",
        ),
        (
            {"recommendations_per_message": 0},
            "recommendations_per_message must be between 1 and 5, got 0",
        ),
        ({"display_name": "Recommended products for you"}, "display_name must be 1 to 25"),
        ({"display_name": "Items!"}, "display_name must be 1 to 25 .*got 'Items!'"),
        ({"configuration_name": "-products"}, "configuration_name must be 1 to 128"),
        (
            {"description": "Products: the best"},
            "description must be 1 to 128 .*got 'Products: the best'",
        ),
        ({"attributes": {"Title": "Title"}}, "attributes are filled by a transformer function"),
        (
            {"personalize_campaign": "arn:aws:personalize:us-east-1:123456789012:solution/x"},
            "personalize_campaign must be an Amazon Personalize campaign ARN",
        ),
        (
            {"personalize_solution_arn": "products"},
            "personalize_solution_arn must be an Amazon Personalize solution ARN",
        ),
        (
            {"personalize_solution_arn": None},
            "personalize_solution_arn is required for the default role",
        ),
    ],
)
def test_recommender_rejects_bad_input(stack, props, message):
    with pytest.raises(ValueError, match=message):
        _recommender(stack, **props)


def test_recommender_transformer_rules(stack):
    function = lambda_.Function.from_function_arn(
        stack, "T", "arn:aws:lambda:us-east-1:123456789012:function:t"
    )
    with pytest.raises(ValueError, match="a transformer function needs attributes"):
        _recommender(stack, transformer=function)
    app = PinpointApp(stack, "App2", app_name="shop2")

    def make(attributes: dict[str, str]) -> None:
        RecommenderConfiguration(
            stack,
            f"R{len(attributes)}{next(iter(attributes))[:3]}",
            app=app,
            personalize_campaign=CAMPAIGN,
            personalize_solution_arn=SOLUTION,
            transformer=function,
            attributes=attributes,
        )

    with pytest.raises(ValueError, match="attributes can have at most 10 entries, got 11"):
        make({f"A{i}": "x" for i in range(11)})
    with pytest.raises(ValueError, match=r"attributes names must be 1 to 50 .*got 'Product.Title'"):
        make({"Product.Title": "Title"})
    with pytest.raises(ValueError, match=r"attributes\['Title'\] display name must be 1 to 25"):
        make({"Title": "A title that is far too long"})


def test_recommender_rejects_a_non_int_count_and_a_wrong_campaign_type(stack):
    with pytest.raises(TypeError, match="recommendations_per_message must be an int, got str"):
        _recommender(stack, recommendations_per_message="3")
    with pytest.raises(
        TypeError,
        match=(
            r"personalize_campaign\ must\ be\ a\ string\ or\ an\ aws_personalize\.CfnCampaign,\ g"
            r"ot\ int:\ 42"
        ),
    ):
        RecommenderConfiguration(
            stack,
            "Bad",
            app=PinpointApp(stack, "App3", app_name="a3"),
            personalize_campaign=42,  # type: ignore[arg-type]
            personalize_solution_arn=SOLUTION,
        )


def test_recommender_passes_cdk_nag_and_cfn_lint(nag_stack, tmp_path):
    _recommender(nag_stack)
    assert lint_findings(synth_clean(nag_stack), tmp_path) == []


# ---- templates with a recommender ----------------------------------------------------------


def test_a_template_with_a_recommender_gets_a_custom_resource_setting_it(stack):
    recommender = _recommender(stack)
    template = EmailTemplate(
        stack,
        "Welcome",
        template_name="welcome",
        subject="Hi",
        html="<p>{{RecommendationItems.[0]}}</p>",
        recommender=recommender,
    )
    (resource,) = _resources(stack, "Custom::PinpointTemplateRecommender")
    props = resource["Properties"]
    assert props["TemplateName"] == "welcome" and props["TemplateType"] == "EMAIL"
    assert props["RecommenderId"] == stack.resolve(recommender.recommender_id)
    assert len(props["ContentHash"]) == 64
    assert stack.get_logical_id(template.node.default_child) in resource["DependsOn"]
    actions = [s["Action"] for s in _policy_statements(stack)]
    assert ["mobiletargeting:GetEmailTemplate", "mobiletargeting:UpdateEmailTemplate"] in actions


def test_the_content_hash_follows_the_template_content(stack):
    recommender = RecommenderConfiguration.from_recommender_id(stack, "R", "abc")
    one = SmsTemplate(stack, "One", template_name="one", body="A", recommender=recommender)
    two = SmsTemplate(stack, "Two", template_name="two", body="B", recommender=recommender)
    hashes = {
        r["Properties"]["TemplateName"]: r["Properties"]["ContentHash"]
        for r in _resources(stack, "Custom::PinpointTemplateRecommender")
    }
    assert hashes["one"] != hashes["two"]
    assert one.recommender is recommender and two.recommender is recommender


def test_recommended_attributes_need_no_default(stack):
    recommender = RecommenderConfiguration.from_recommender_id(
        stack, "R", "abc", attributes=["Title"]
    )
    PushTemplate(
        stack,
        "Offer",
        template_name="offer",
        default=PushMessage(
            title="{{RecommendationItems.[0]}}",
            body="{{Recommendations.Title.[0]}} {{Recommendations.Price}}",
        ),
        recommender=recommender,
    )
    warnings = _warnings(stack)
    assert len(warnings) == 1 and "Recommendations.Price" in warnings[0]
    assert TEMPLATE_MISSING_DEFAULT_WARNING in str(
        Annotations.from_stack(stack).find_warning("*", Match.any_value())
    )


def test_without_a_recommender_recommended_attributes_still_warn(stack):
    SmsTemplate(stack, "Offer", template_name="offer", body="{{RecommendationItems.[0]}}")
    assert any("RecommendationItems" in w for w in _warnings(stack))


def test_recommender_must_be_a_recommender(stack):
    with pytest.raises(
        TypeError, match=r"recommender\ must\ be\ an\ IRecommender,\ got\ str:\ 'abc'"
    ):
        SmsTemplate(stack, "Offer", body="Hi", recommender="abc")  # type: ignore[arg-type]


def test_templates_with_a_recommender_pass_cdk_nag_and_cfn_lint(nag_stack, tmp_path):
    recommender = _recommender(nag_stack)
    SmsTemplate(
        nag_stack,
        "Offer",
        template_name="offer",
        body="{{RecommendationItems.[0]}}",
        recommender=recommender,
    )
    assert lint_findings(synth_clean(nag_stack), tmp_path) == []


def test_an_imported_voice_template_is_a_voice_itemplate(stack):
    imported = VoiceTemplate.from_template_name(stack, "Imported", "reminder-call")
    assert imported.template_type is TemplateType.VOICE
    assert stack.resolve(imported.template_arn) == (
        "arn:aws:mobiletargeting:us-east-1:123456789012:templates/reminder-call/VOICE"
    )
    with pytest.raises(ValueError, match="template_name must be 1 to 128 characters"):
        VoiceTemplate.from_template_name(stack, "Bad", "bad name")
