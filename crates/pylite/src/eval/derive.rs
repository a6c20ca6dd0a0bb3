//! Classes deriving from host classes (`class UUID(sqlalchemy.TypeDecorator)`): calling one
//! calls its hook methods, then the host makes the value; and zero-argument `super()`,
//! which finds the next class in the receiver's MRO after the method's own, then the host
//! base.

use super::exec::unsupported;
use super::value::{Class, HostBase, Instance};
use super::{CallContext, Env, EvalError, HostObject, Interpreter, Value};
use diagnostics::Span;
use std::rc::Rc;

impl Interpreter<'_> {
    /// A call of a class deriving from `base`: its `__init__` is the host's; each hook the
    /// class defines runs on a new instance, and the host makes the value from them.
    pub(crate) fn instantiate_derived(
        &mut self,
        base: Rc<dyn HostBase>,
        inst: &Rc<Instance>,
        args: Vec<Value>,
        kwargs: Vec<(String, Value)>,
        span: Span,
    ) -> Result<Value, EvalError> {
        if inst.class.lookup("__init__").is_some() {
            return Err(unsupported(&format!("an __init__ in a class deriving from {}", base.name()), span));
        }
        let mut hooked = Vec::new();
        for (name, hook_args) in base.hooks() {
            hooked.push(match inst.class.lookup(name) {
                Some(f @ Value::Function(_)) => {
                    let argv = std::iter::once(Value::Instance(inst.clone())).chain(hook_args).collect();
                    Some(self.call_value(&f, argv, Vec::new(), span)?)
                }
                Some(other) => return Err(unsupported(&format!("a {name} that is a {}", other.type_name()), span)),
                None => None,
            });
        }
        base.make(&inst.class, args, kwargs, hooked, &mut CallContext::new(span, &mut *self.host))
    }
}

/// `super()` in a method: the method's class is named by its qualified name (`A.m`), the
/// receiver is its first argument.
pub(crate) fn zero_arg_super(env: &Env, span: Span) -> Result<Value, EvalError> {
    let outside = || EvalError::new("eval-error", "RuntimeError: super(): no arguments", span).catchable("RuntimeError");
    let owner = env.qual.as_deref().and_then(|q| q.strip_suffix(".<locals>.")).and_then(|m| m.rsplit_once('.')).map(|(c, _)| c);
    let (Some(owner), Some(Value::Instance(receiver))) = (owner, &env.this) else {
        return Err(outside());
    };
    let chain: Vec<&Rc<Class>> = std::iter::once(&receiver.class).chain(&receiver.class.mro).collect();
    let Some(at) = chain.iter().position(|c| c.qualname == owner) else {
        return Err(outside());
    };
    let rest = chain[at + 1..].iter().map(|c| (*c).clone()).collect();
    Ok(Value::Host(Rc::new(Super { rest, host_base: receiver.class.host_base.clone(), receiver: receiver.clone() })))
}

/// `super()`: the classes after the method's own in the receiver's MRO, then its host base.
struct Super {
    rest: Vec<Rc<Class>>,
    host_base: Option<Rc<dyn HostBase>>,
    receiver: Rc<Instance>,
}

impl HostObject for Super {
    fn type_name(&self) -> String {
        "super".into()
    }

    fn get_attr(&self, name: &str, cx: &mut CallContext) -> Result<Value, EvalError> {
        if let Some(v) = self.rest.iter().find_map(|c| c.attrs.borrow().get(name).cloned()) {
            return Ok(Interpreter::bind_method(&self.receiver, v));
        }
        match &self.host_base {
            Some(h) => h.super_attr(name, cx),
            None => {
                Err(cx.error("eval-error", format!("AttributeError: 'super' object has no attribute '{name}'")).catchable("AttributeError"))
            }
        }
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
