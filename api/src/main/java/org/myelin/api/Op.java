package org.myelin.api;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reference to an operator by name, resolved by the engine once instead of looked up as text on
 * every call: {@code Tensor.apply(Op.LINEAR, x, w, b)}. The constants are the built-in operators;
 * their schemas, forwards and gradients are declared once, in the engine, and {@link Tensor}'s
 * methods call them through these references. A plugin's operator gets one with {@link #named}.
 *
 * <p>References are interned: one name, one object, one {@link #index()} for the life of the JVM.
 */
public final class Op {
    private static final ConcurrentHashMap<String, Op> BY_NAME = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT_INDEX = new AtomicInteger();

    private final String name;
    private final int index;

    private Op(String name, int index) {
        this.name = name;
        this.index = index;
    }

    /**
     * @param name an operator's name, such as {@code gelu}
     * @return the one reference of that name
     */
    public static Op named(String name) {
        Op op = BY_NAME.get(name);
        return op != null ? op : BY_NAME.computeIfAbsent(name, n -> new Op(n, NEXT_INDEX.getAndIncrement()));
    }

    /** @return the operator's name */
    public String name() {
        return name;
    }

    /** @return a small number unique to this name, for an engine's table of operators */
    public int index() {
        return index;
    }

    @Override
    public String toString() {
        return name;
    }

    // ---------------------------------------------------------------- elementwise, two tensors (broadcasting)

    /** a + b. */
    public static final Op ADD = named("add");
    /** a - b. */
    public static final Op SUB = named("sub");
    /** a * b. */
    public static final Op MUL = named("mul");
    /** a / b. */
    public static final Op DIV = named("div");
    /** a raised to b. */
    public static final Op POW = named("pow");
    /** max(a, b). */
    public static final Op MAXIMUM = named("maximum");
    /** min(a, b). */
    public static final Op MINIMUM = named("minimum");
    /** 1 or 0 by a comparison (attribute {@code op}: EQ, NE, LT, LE, GT, GE); no gradient. */
    public static final Op COMPARE = named("compare");
    /** where(condition, a, b). */
    public static final Op WHERE = named("where");

    // ---------------------------------------------------------------- elementwise, a tensor and a number

    /** x + value. */
    public static final Op ADD_SCALAR = named("add_scalar");
    /** x * value. */
    public static final Op MUL_SCALAR = named("mul_scalar");
    /** x / value. */
    public static final Op DIV_SCALAR = named("div_scalar");
    /** x raised to value. */
    public static final Op POW_SCALAR = named("pow_scalar");
    /** value - x. */
    public static final Op RSUB_SCALAR = named("rsub_scalar");
    /** x clamped into [min, max]. */
    public static final Op CLAMP = named("clamp");

    // ---------------------------------------------------------------- elementwise, one tensor

    /** -x. */
    public static final Op NEG = named("neg");
    /** e to the x. */
    public static final Op EXP = named("exp");
    /** ln x. */
    public static final Op LOG = named("log");
    /** ln(1 + x). */
    public static final Op LOG1P = named("log1p");
    /** the square root. */
    public static final Op SQRT = named("sqrt");
    /** 1 / x. */
    public static final Op RECIPROCAL = named("reciprocal");
    /** |x|. */
    public static final Op ABS = named("abs");
    /** -1, 0 or 1. */
    public static final Op SIGN = named("sign");
    /** x squared. */
    public static final Op SQUARE = named("square");
    /** 1 / (1 + e^-x). */
    public static final Op SIGMOID = named("sigmoid");
    /** the hyperbolic tangent. */
    public static final Op TANH = named("tanh");
    /** max(x, 0). */
    public static final Op RELU = named("relu");
    /** x, or slope * x below 0 (attribute {@code slope}). */
    public static final Op LEAKY_RELU = named("leaky_relu");
    /** ln(1 + e^x). */
    public static final Op SOFTPLUS = named("softplus");

    // ---------------------------------------------------------------- linear algebra and losses

    /** the batched matrix product of operands of rank 2 or more. */
    public static final Op MATMUL = named("matmul");
    /** x · weightᵀ + bias, as PyTorch's {@code F.linear}. */
    public static final Op LINEAR = named("linear");
    /** softmax cross-entropy of scores against class indices (attribute {@code reduction}). */
    public static final Op CROSS_ENTROPY = named("cross_entropy");

    // ---------------------------------------------------------------- views, copies, indexing

    /** new sizes for the same elements (attributes {@code shape}, {@code view}). */
    public static final Op RESHAPE = named("reshape");
    /** two axes swapped (attributes {@code axis0}, {@code axis1}). */
    public static final Op TRANSPOSE = named("transpose");
    /** a range along an axis (attributes {@code axis}, {@code start}, {@code end}). */
    public static final Op SLICE = named("slice");
    /** a broadcast view (attribute {@code shape}). */
    public static final Op EXPAND = named("expand");
    /** a contiguous copy. */
    public static final Op COPY = named("copy");
    /** a copy in another element type (attribute {@code dtype}). */
    public static final Op TO_DTYPE = named("to_dtype");
    /** a copy on another device (attribute {@code device}). */
    public static final Op TO_DEVICE = named("to_device");
    /** tensors joined along an axis (attribute {@code axis}). */
    public static final Op CAT = named("cat");
    /** values picked along an axis by an INT64 index (attribute {@code axis}), as torch.gather. */
    public static final Op GATHER = named("gather");
    /** a copy of the first input with the third added at the second's indices, as torch.scatter_add. */
    public static final Op SCATTER_ADD = named("scatter_add");
    /** constant padding (attributes {@code pads}, {@code value}), as PyTorch's {@code F.pad}. */
    public static final Op PAD = named("pad");
    /** the axes reordered (attribute {@code axes}), as torch.permute: a view. */
    public static final Op PERMUTE = named("permute");

    // ---------------------------------------------------------------- reductions

    /** the sum over axes (attributes {@code axes}, {@code keepDim}). */
    public static final Op SUM = named("sum");
    /** the mean over axes (attributes {@code axes}, {@code keepDim}). */
    public static final Op MEAN = named("mean");
    /** the largest value, overall or along {@code axis}. */
    public static final Op MAX = named("max");
    /** the index of the largest value along {@code axis}. */
    public static final Op ARGMAX = named("argmax");
    /** the smallest value, overall or along {@code axis}. */
    public static final Op MIN = named("min");
    /** the index of the smallest value along {@code axis}. */
    public static final Op ARGMIN = named("argmin");
    /** log(sum(exp(x))) along {@code axis}. */
    public static final Op LOGSUMEXP = named("logsumexp");
    /** softmax along {@code axis}. */
    public static final Op SOFTMAX = named("softmax");
    /** log-softmax along {@code axis}. */
    public static final Op LOG_SOFTMAX = named("log_softmax");

    // ---------------------------------------------------------------- convolutional networks (NCHW)

    /**
     * the sliding windows of an (N, C, H, W) input as columns (N, C·kh·kw, L), as PyTorch's
     * {@code F.unfold} (attributes {@code kernel}, {@code stride}, {@code padding}, {@code dilation}).
     */
    public static final Op IM2COL = named("im2col");
    /** columns summed back into an image, im2col's adjoint, as PyTorch's {@code F.fold} (and {@code outputSize}). */
    public static final Op COL2IM = named("col2im");
    /** 2-d convolution of (input, weight[, bias]), as PyTorch's {@code F.conv2d} (and {@code groups}). */
    public static final Op CONV2D = named("conv2d");
    /** the largest value of each window, as PyTorch's {@code F.max_pool2d}. */
    public static final Op MAX_POOL2D = named("max_pool2d");
    /** the mean of each window, as PyTorch's {@code F.avg_pool2d} (and {@code countIncludePad}). */
    public static final Op AVG_POOL2D = named("avg_pool2d");
    /** the mean over windows that tile the input into {@code outputSize}, as {@code F.adaptive_avg_pool2d}. */
    public static final Op ADAPTIVE_AVG_POOL2D = named("adaptive_avg_pool2d");
    /** normalisation by the batch's statistics per channel (axis 1), as {@code F.batch_norm} in training. */
    public static final Op BATCH_NORM = named("batch_norm");
    /** normalisation over the last {@code normalizedDims} axes, as {@code F.layer_norm}. */
    public static final Op LAYER_NORM = named("layer_norm");

    // ---------------------------------------------------------------- in place, never recorded

    /** this += other. */
    public static final Op ADD_IN_PLACE = named("add_");
    /** this -= other. */
    public static final Op SUB_IN_PLACE = named("sub_");
    /** this *= other. */
    public static final Op MUL_IN_PLACE = named("mul_");
    /** this += value. */
    public static final Op ADD_SCALAR_IN_PLACE = named("add_scalar_");
    /** this *= value. */
    public static final Op MUL_SCALAR_IN_PLACE = named("mul_scalar_");
    /** every element set to {@code value}. */
    public static final Op FILL = named("fill_");
    /** the second input's values copied into the first. */
    public static final Op COPY_IN_PLACE = named("copy_");
    /** one SGD update of a parameter (and its momentum buffer). */
    public static final Op SGD_STEP = named("sgd_step");
    /** one Adam or AdamW update of a parameter and its moments. */
    public static final Op ADAM_STEP = named("adam_step");
}
