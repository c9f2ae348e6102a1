"""Enum constants of the textbots API (SDK 269.0.0): plain `StrEnum`s, importable without pydantic.

Fields that carry these values are typed ``SomeEnum | str``: a value the server added later stays a plain
string instead of failing validation. Every member is a ``StrEnum``, so ``value == "WaitForInput"`` and
``value == NextActionType.WAIT_FOR_INPUT`` both work whichever of the two the field holds.
"""

from __future__ import annotations

from enum import StrEnum


class ChannelName(StrEnum):
    """``TextBotChannel.name``."""

    CHAT = "Chat"
    CALL = "Call"
    MESSAGING = "Messaging"


class TextMode(StrEnum):
    """``TextBotChannel.inputModes`` / ``outputModes`` and ``TextBotUserInputEvent.mode``."""

    TEXT = "Text"


class UserAgentName(StrEnum):
    """``TextBotUserAgent.name`` and ``PostTextRequest.messagingPlatformType``."""

    PHONE = "Phone"
    SMS = "SMS"
    GENESYS_WEB_WIDGET = "GenesysWebWidget"
    FACEBOOK_MESSENGER = "FacebookMessenger"
    WE_CHAT = "WeChat"
    WHATSAPP = "Whatsapp"
    APPLE_BUSINESS_CHAT = "AppleBusinessChat"
    APPLE = "Apple"
    TELEGRAM = "Telegram"
    SLACK = "Slack"
    SIGNAL = "Signal"
    LINE = "Line"
    DISCORD = "Discord"
    TWITTER_DIRECT_MESSAGE = "TwitterDirectMessage"
    OPEN = "Open"
    INSTAGRAM = "Instagram"
    OTHER = "Other"
    UNKNOWN = "Unknown"


class InputEventType(StrEnum):
    """``TextBotFlowTurnRequest.inputEventType``."""

    NO_OP = "NoOp"
    USER_INPUT = "UserInput"
    RICH_MEDIA_INPUT = "RichMediaInput"
    ERROR = "Error"
    NO_MATCH = "NoMatch"
    NO_INPUT = "NoInput"
    USER_DISCONNECT = "UserDisconnect"
    CLIENT_SESSION_EXPIRED = "ClientSessionExpired"


class NextActionType(StrEnum):
    """``TextBotFlowTurnResponse.nextActionType``."""

    NO_OP = "NoOp"
    DISCONNECT = "Disconnect"
    WAIT_FOR_INPUT = "WaitForInput"
    EXIT = "Exit"


class SegmentType(StrEnum):
    """``TextBotPromptSegment.type``."""

    TEXT = "Text"
    RICH_MEDIA = "RichMedia"
    MESSAGE_EVENT = "MessageEvent"


class FormatFlag(StrEnum):
    """``Format.flags`` (mostly voice rendering hints; the list may be incomplete)."""

    BOOL_PLAY_YES_NO = "BoolPlayYesNo"
    CURRENCY_AS_MINOR_UNITS = "CurrencyAsMinorUnits"
    CURRENCY_MAJOR_UNITS_ONLY = "CurrencyMajorUnitsOnly"
    CURRENCY_MINOR_UNITS_ONLY = "CurrencyMinorUnitsOnly"
    CURRENCY_PLAY_DIGITS = "CurrencyPlayDigits"
    DATE_LONG_YEAR = "DateLongYear"
    DATE_SHORT_YEAR = "DateShortYear"
    DATE_SHORT_MONTH_AND_DAY = "DateShortMonthAndDay"
    DATE_DAY_OF_WEEK_ONLY = "DateDayOfWeekOnly"
    DATE_DAY_ONLY = "DateDayOnly"
    DATE_MONTH_ONLY = "DateMonthOnly"
    DATE_SHORT_YEAR_ONLY = "DateShortYearOnly"
    DATE_LONG_YEAR_ONLY = "DateLongYearOnly"
    TIME_TWENTY_FOUR_HOURS = "TimeTwentyFourHours"
    TIME_TWELVE_HOURS = "TimeTwelveHours"
    TIME_PART_DAYS = "TimePartDays"
    TIME_PART_HOURS = "TimePartHours"
    TIME_PART_MINUTES = "TimePartMinutes"
    TIME_PART_SECONDS = "TimePartSeconds"
    STRING_PLAY_CHARS = "StringPlayChars"
    NUMBER_PLAY_DIGITS = "NumberPlayDigits"
    NUMBER_ORDINAL = "NumberOrdinal"
    LANGUAGE_CASE_ARTICLE = "LanguageCaseArticle"
    LANGUAGE_CASE_ACCUSATIVE = "LanguageCaseAccusative"
    LANGUAGE_CASE_DATIVE = "LanguageCaseDative"
    LANGUAGE_CASE_GENITIVE = "LanguageCaseGenitive"
    LANGUAGE_CASE_NOMINATIVE = "LanguageCaseNominative"
    LANGUAGE_QUANTITY_PLURAL = "LanguageQuantityPlural"
    LANGUAGE_QUANTITY_SINGULAR = "LanguageQuantitySingular"
    LANGUAGE_GENDER_COMMON = "LanguageGenderCommon"
    LANGUAGE_GENDER_FEMININE = "LanguageGenderFeminine"
    LANGUAGE_GENDER_MASCULINE = "LanguageGenderMasculine"
    LANGUAGE_GENDER_NEUTER = "LanguageGenderNeuter"


class ExitReason(StrEnum):
    """``TextBotExitAction.reason``."""

    TRIGGERED_BY_USER = "TriggeredByUser"
    AGENT_REQUESTED_BY_USER = "AgentRequestedByUser"
    TRIGGERED_BY_FLOW = "TriggeredByFlow"
    ERROR = "Error"
    RECOGNITION_FAILURE = "RecognitionFailure"


class DisconnectReason(StrEnum):
    """``TextBotDisconnectAction.reason``."""

    TRIGGERED_BY_USER = "TriggeredByUser"
    TRIGGERED_BY_FLOW = "TriggeredByFlow"
    SESSION_EXPIRED = "SessionExpired"
    ERROR = "Error"
    RECOGNITION_FAILURE = "RecognitionFailure"


class OutcomeValue(StrEnum):
    """``TextBotFlowOutcome.outcomeValue``."""

    SUCCESS = "SUCCESS"
    FAILURE = "FAILURE"


class ContentType(StrEnum):
    """``ConversationMessageContent.contentType``."""

    REACTIONS = "Reactions"
    ATTACHMENT = "Attachment"
    LOCATION = "Location"
    QUICK_REPLY = "QuickReply"
    NOTIFICATION = "Notification"
    BUTTON_RESPONSE = "ButtonResponse"
    STORY = "Story"
    MENTION = "Mention"
    CARD = "Card"
    CAROUSEL = "Carousel"
    TEXT = "Text"
    QUICK_REPLY_V2 = "QuickReplyV2"
    DATE_PICKER = "DatePicker"
    INTERACTIVE_APPLICATION = "InteractiveApplication"
    LIST_PICKER = "ListPicker"
    PAYMENT_REQUEST = "PaymentRequest"
    PAYMENT_RESPONSE = "PaymentResponse"
    PUSH = "Push"
    FORM = "Form"
    ROADSIDE_ASSISTANCE = "RoadsideAssistance"
    RICH_LINK = "RichLink"
    NOTIFICATION_RESPONSE = "NotificationResponse"
    UNKNOWN = "Unknown"


class QuickReplyAction(StrEnum):
    """``ConversationContentQuickReply.action``."""

    MESSAGE = "Message"


class ButtonResponseType(StrEnum):
    """``ConversationContentButtonResponse.type``."""

    BUTTON = "Button"
    QUICK_REPLY = "QuickReply"
    DATE_PICKER = "DatePicker"
    LIST_PICKER = "ListPicker"
    FORM = "Form"


class CardActionType(StrEnum):
    """``ConversationContentCardAction.type``."""

    LINK = "Link"
    POSTBACK = "Postback"
    UNKNOWN = "Unknown"


class MediaType(StrEnum):
    """``ConversationContentAttachment.mediaType``."""

    IMAGE = "Image"
    VIDEO = "Video"
    AUDIO = "Audio"
    FILE = "File"
    LINK = "Link"


class DateDisplayFormat(StrEnum):
    """``ConversationContentDatePicker.dateDisplayFormat``."""

    DAY_MONTH_YEAR = "dayMonthYear"
    MONTH_DAY_YEAR = "monthDayYear"
    YEAR_MONTH_DAY = "yearMonthDay"


class StoryType(StrEnum):
    """``ConversationContentStory.type``."""

    MENTION = "Mention"
    REPLY = "Reply"


class PaymentStatus(StrEnum):
    """``ConversationContentPaymentResponse.paymentStatus``."""

    COMPLETED = "Completed"
    FAILED = "Failed"


class MessageEventType(StrEnum):
    """``ConversationMessageEvent.eventType``."""

    CO_BROWSE = "CoBrowse"
    TYPING = "Typing"
    PRESENCE = "Presence"
    VIDEO = "Video"
    UNKNOWN = "Unknown"


class PresenceType(StrEnum):
    """``ConversationEventPresence.type``."""

    JOIN = "Join"
    DISCONNECT = "Disconnect"
    CLEAR = "Clear"
    SIGN_IN = "SignIn"
    SESSION_EXPIRED = "SessionExpired"
    AUTHENTICATE = "Authenticate"
    AUTHENTICATE_FAILURE = "AuthenticateFailure"
    AUTHENTICATE_CANCEL = "AuthenticateCancel"


class OfferingType(StrEnum):
    """``ConversationEventCoBrowse.type`` and ``ConversationEventVideo.type``."""

    OFFERING = "Offering"
    OFFERING_EXPIRED = "OfferingExpired"
    OFFERING_ACCEPTED = "OfferingAccepted"
    OFFERING_REJECTED = "OfferingRejected"


class PostTextMessageType(StrEnum):
    """``PostTextMessage.type``."""

    TEXT = "Text"
    STRUCTURED = "Structured"
    RECEIPT = "Receipt"
    EVENT = "Event"
    MESSAGE = "Message"
    UNKNOWN = "Unknown"


class BotChannel(StrEnum):
    """``PostTextRequest.botChannels``."""

    CALL = "Call"
    CALLBACK = "Callback"
    MESSAGING = "Messaging"
    WEBCHAT = "Webchat"


class BotState(StrEnum):
    """``PostTextResponse.botState``."""

    COMPLETE = "Complete"
    FAILED = "Failed"
    MORE_DATA = "MoreData"


class BotType(StrEnum):
    """``BotSearchResponse.botType`` and the ``botType`` filter of the bot search."""

    GENESYS_BOT_CONNECTOR = "GenesysBotConnector"
    GENESYS_DIALOG_ENGINE = "GenesysDialogEngine"
    AMAZON_LEX = "AmazonLex"
    GOOGLE_DIALOG_FLOW_ES = "GoogleDialogFlowES"
    GOOGLE_DIALOG_FLOW_CX = "GoogleDialogFlowCX"
    NUANCE_DLG = "NuanceDlg"
    GENESYS_BOT_FLOW = "GenesysBotFlow"
    GENESYS_DIGITAL_BOT_FLOW = "GenesysDigitalBotFlow"
    GENESYS_VOICE_SURVEY_FLOW = "GenesysVoiceSurveyFlow"
    GENESYS_DIGITAL_BOT_CONNECTOR = "GenesysDigitalBotConnector"


class FlowType(StrEnum):
    """``Flow.type`` (upper case in responses; the ``type`` query parameter takes it in lower case)."""

    BOT = "BOT"
    DIGITALBOT = "DIGITALBOT"
    INBOUNDCALL = "INBOUNDCALL"
    INBOUNDCHAT = "INBOUNDCHAT"
    INBOUNDEMAIL = "INBOUNDEMAIL"
    INBOUNDSHORTMESSAGE = "INBOUNDSHORTMESSAGE"
    INQUEUECALL = "INQUEUECALL"
    OUTBOUNDCALL = "OUTBOUNDCALL"
    WORKFLOW = "WORKFLOW"
    VOICESURVEY = "VOICESURVEY"
