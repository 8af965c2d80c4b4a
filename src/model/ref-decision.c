/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "ref-decision.h"

#include "ref-history.h"
#include "ref-model-util.h"

struct _RefDecision {
  GObject parent_instance;

  char *deciding_body;
  GDateTime *date;
  char *reference;
  RefText *text;
  RefVote *vote;
  GListStore *statements;
  char *remark;
  RefDecisionOutcome outcome;
};

G_DEFINE_FINAL_TYPE (RefDecision, ref_decision, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DECIDING_BODY,
  PROP_DATE,
  PROP_REFERENCE,
  PROP_TEXT,
  PROP_VOTE,
  PROP_STATEMENTS,
  PROP_REMARK,
  PROP_OUTCOME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ref_decision_finalize (GObject *object)
{
  RefDecision *self = REF_DECISION (object);

  g_clear_pointer (&self->deciding_body, g_free);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_pointer (&self->reference, g_free);
  g_clear_pointer (&self->text, ref_text_unref);
  g_clear_pointer (&self->vote, ref_vote_unref);
  g_clear_object (&self->statements);
  g_clear_pointer (&self->remark, g_free);

  G_OBJECT_CLASS (ref_decision_parent_class)->finalize (object);
}

static void
ref_decision_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RefDecision *self = REF_DECISION (object);

  switch (prop_id)
    {
    case PROP_DECIDING_BODY:
      g_value_set_string (value, ref_decision_get_deciding_body (self));
      break;
    case PROP_DATE:
      g_value_set_boxed (value, self->date);
      break;
    case PROP_REFERENCE:
      g_value_set_string (value, ref_decision_get_reference (self));
      break;
    case PROP_TEXT:
      g_value_set_boxed (value, self->text);
      break;
    case PROP_VOTE:
      g_value_set_boxed (value, self->vote);
      break;
    case PROP_STATEMENTS:
      g_value_set_object (value, self->statements);
      break;
    case PROP_REMARK:
      g_value_set_string (value, ref_decision_get_remark (self));
      break;
    case PROP_OUTCOME:
      g_value_set_enum (value, self->outcome);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_decision_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  RefDecision *self = REF_DECISION (object);

  switch (prop_id)
    {
    case PROP_DECIDING_BODY:
      ref_decision_set_deciding_body (self, g_value_get_string (value));
      break;
    case PROP_DATE:
      ref_decision_set_date (self, g_value_get_boxed (value));
      break;
    case PROP_REFERENCE:
      ref_decision_set_reference (self, g_value_get_string (value));
      break;
    case PROP_TEXT:
      ref_decision_set_text (self, g_value_get_boxed (value));
      break;
    case PROP_VOTE:
      ref_decision_set_vote (self, g_value_get_boxed (value));
      break;
    case PROP_REMARK:
      ref_decision_set_remark (self, g_value_get_string (value));
      break;
    case PROP_OUTCOME:
      ref_decision_set_outcome (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ref_decision_class_init (RefDecisionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ref_decision_finalize;
  object_class->get_property = ref_decision_get_property;
  object_class->set_property = ref_decision_set_property;

  properties[PROP_DECIDING_BODY] = g_param_spec_string ("deciding-body", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATE] = g_param_spec_boxed ("date", NULL, NULL, G_TYPE_DATE_TIME, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REFERENCE] = g_param_spec_string ("reference", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] = g_param_spec_boxed ("text", NULL, NULL, REF_TYPE_TEXT, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VOTE] = g_param_spec_boxed ("vote", NULL, NULL, REF_TYPE_VOTE, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATEMENTS] = g_param_spec_object ("statements", NULL, NULL, G_TYPE_LIST_MODEL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REMARK] = g_param_spec_string ("remark", NULL, NULL, "", G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OUTCOME] = g_param_spec_enum ("outcome", NULL, NULL, REF_TYPE_DECISION_OUTCOME, REF_DECISION_OUTCOME_NONE, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ref_decision_init (RefDecision *self)
{
  self->statements = g_list_store_new (REF_TYPE_STATEMENT);
}

RefDecision *
ref_decision_new (void)
{
  return g_object_new (REF_TYPE_DECISION, NULL);
}

const char *
ref_decision_get_deciding_body (RefDecision *self)
{
  g_return_val_if_fail (REF_IS_DECISION (self), "");
  return REF_STR (self->deciding_body);
}

void
ref_decision_set_deciding_body (RefDecision *self, const char *deciding_body)
{
  g_return_if_fail (REF_IS_DECISION (self));
  ref_set_string (self, &self->deciding_body, deciding_body, properties[PROP_DECIDING_BODY]);
}

/**
 * ref_decision_get_date:
 *
 * Returns: (transfer none) (nullable): date of the decision
 */
GDateTime *
ref_decision_get_date (RefDecision *self)
{
  g_return_val_if_fail (REF_IS_DECISION (self), NULL);
  return self->date;
}

void
ref_decision_set_date (RefDecision *self, GDateTime *date)
{
  g_return_if_fail (REF_IS_DECISION (self));
  ref_set_date_time (self, &self->date, date, properties[PROP_DATE]);
}

const char *
ref_decision_get_reference (RefDecision *self)
{
  g_return_val_if_fail (REF_IS_DECISION (self), "");
  return REF_STR (self->reference);
}

void
ref_decision_set_reference (RefDecision *self, const char *reference)
{
  g_return_if_fail (REF_IS_DECISION (self));
  ref_set_string (self, &self->reference, reference, properties[PROP_REFERENCE]);
}

/**
 * ref_decision_get_text:
 *
 * Returns: (transfer none) (nullable): the decision text
 */
RefText *
ref_decision_get_text (RefDecision *self)
{
  g_return_val_if_fail (REF_IS_DECISION (self), NULL);
  return self->text;
}

void
ref_decision_set_text (RefDecision *self, RefText *text)
{
  g_return_if_fail (REF_IS_DECISION (self));
  ref_set_boxed (self, (gpointer *) &self->text, text, REF_TYPE_TEXT, (GEqualFunc) ref_text_equal, properties[PROP_TEXT]);
}

/**
 * ref_decision_get_vote:
 *
 * Returns: (transfer none) (nullable): vote record, if a vote was taken
 */
RefVote *
ref_decision_get_vote (RefDecision *self)
{
  g_return_val_if_fail (REF_IS_DECISION (self), NULL);
  return self->vote;
}

void
ref_decision_set_vote (RefDecision *self, RefVote *vote)
{
  g_return_if_fail (REF_IS_DECISION (self));
  ref_set_boxed (self, (gpointer *) &self->vote, vote, REF_TYPE_VOTE, (GEqualFunc) ref_vote_equal, properties[PROP_VOTE]);
}

/**
 * ref_decision_get_statements:
 *
 * Returns: (transfer none): protocol remarks, minority statements, referrals (RefStatement). Change it with ref_list_store_*()
 *   on the GListStore so that the change is recorded for undo.
 */
GListModel *
ref_decision_get_statements (RefDecision *self)
{
  g_return_val_if_fail (REF_IS_DECISION (self), NULL);
  return G_LIST_MODEL (self->statements);
}

const char *
ref_decision_get_remark (RefDecision *self)
{
  g_return_val_if_fail (REF_IS_DECISION (self), "");
  return REF_STR (self->remark);
}

void
ref_decision_set_remark (RefDecision *self, const char *remark)
{
  g_return_if_fail (REF_IS_DECISION (self));
  ref_set_string (self, &self->remark, remark, properties[PROP_REMARK]);
}

/**
 * ref_decision_get_outcome:
 *
 * Returns: what was decided, as recorded (a standard phrase inserted, the outcome
 *   chosen, an import that read it); %REF_DECISION_OUTCOME_NONE when not recorded.
 */
RefDecisionOutcome
ref_decision_get_outcome (RefDecision *self)
{
  g_return_val_if_fail (REF_IS_DECISION (self), REF_DECISION_OUTCOME_NONE);
  return self->outcome;
}

void
ref_decision_set_outcome (RefDecision *self, RefDecisionOutcome outcome)
{
  g_return_if_fail (REF_IS_DECISION (self));
  ref_set_enum (self, (int *) &self->outcome, outcome, properties[PROP_OUTCOME]);
}

/*< custom >*/
